package io.stride.core.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageTest {

    private static final String TASK = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @Test
    void namesTheFourTopicsOfATaskInFlowOrder() {
        assertThat(TopicNames.taskTopics(TASK)).containsExactly(
                "raw_frames_" + TASK, "yolox_" + TASK, "bytetrack_" + TASK, "rtmpose_" + TASK);
    }

    @Test
    void patternMatchesOnlyItsOwnStage() {
        assertThat(Stage.YOLOX.pattern().matcher("yolox_" + TASK).matches()).isTrue();
        assertThat(Stage.YOLOX.pattern().matcher("raw_frames_" + TASK).matches()).isFalse();
        assertThat(Stage.YOLOX.pattern().matcher("yolox_not-a-uuid").matches()).isFalse();
        assertThat(Stage.RAW_FRAMES.taskIdOf("raw_frames_" + TASK)).contains(TASK);
        assertThat(Stage.RAW_FRAMES.taskIdOf(TopicNames.TASK_EVENTS)).isEmpty();
    }

    @Test
    void chainEndsAfterRtmpose() {
        assertThat(Stage.RAW_FRAMES.next()).contains(Stage.YOLOX);
        assertThat(Stage.RTMPOSE.next()).isEmpty();
    }

    @Test
    void acceptsOnlyCanonicalUuids() {
        assertThat(TopicNames.isTaskId(TASK)).isTrue();
        assertThat(TopicNames.isTaskId(TASK.toUpperCase())).isFalse();
        assertThat(TopicNames.isTaskId("../etc/passwd")).isFalse();
        assertThat(TopicNames.isTaskId(null)).isFalse();
    }
}
