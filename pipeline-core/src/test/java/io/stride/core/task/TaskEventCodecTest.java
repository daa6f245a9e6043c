package io.stride.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The JSON form of task events, as every service and an operator's console tool reads it. */
class TaskEventCodecTest {

    private static final String TASK = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

    @Test
    void aQueuedEventIsSnakeCaseJsonAndReadsBackEqual() {
        TaskEvent queued = new TaskEvent(TASK, TaskEvent.Type.QUEUED, "backend", 0, 314, "walk.mp4", 1_000);

        String json = TaskEventCodec.encode(queued);

        assertThat(json).isEqualTo("{\"task_id\":\"" + TASK + "\",\"type\":\"QUEUED\",\"source\":\"backend\","
                + "\"frames_done\":0,\"frame_count\":314,\"message\":\"walk.mp4\",\"timestamp\":1000,\"options\":\"\",\"terminal\":false}");
        assertThat(TaskEventCodec.decode(json)).isEqualTo(queued);
    }

    @Test
    void aStartedEventCarriesTheOptionsAndAnEventWrittenBeforeThemReadsWithNone() {
        TaskEvent started = TaskEvent.started(TASK, 42, "clip.mkv", "{\"pose\":false}");

        assertThat(TaskEventCodec.decode(TaskEventCodec.encode(started)).options()).isEqualTo("{\"pose\":false}");
        assertThat(TaskEventCodec.decode("{\"task_id\":\"" + TASK + "\",\"type\":\"STARTED\",\"source\":\"backend\","
                + "\"frames_done\":0,\"frame_count\":42,\"message\":\"clip.mkv\",\"timestamp\":5}").options()).isEmpty();
    }

    @Test
    void theQueuedFactoryCarriesTheEstimateAndTheFileName() {
        TaskEvent queued = TaskEvent.queued(TASK, 42, "clip.mkv");

        assertThat(queued.type()).isEqualTo(TaskEvent.Type.QUEUED);
        assertThat(queued.frameCount()).isEqualTo(42);
        assertThat(queued.message()).isEqualTo("clip.mkv");
        assertThat(queued.isTerminal()).isFalse();
    }

    @Test
    void anUnknownTypeIsRefusedWithAReason() {
        assertThatThrownBy(() -> TaskEventCodec.decode("{\"task_id\":\"" + TASK + "\",\"type\":\"PAUSED\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a task event: ");
    }
}
