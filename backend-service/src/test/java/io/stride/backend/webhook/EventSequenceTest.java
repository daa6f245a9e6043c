package io.stride.backend.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventSequenceTest {

    private static final String TASK = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

    @Test
    void anEventNotAfterTheLastOneSeenOfItsTaskIsARepeat() {
        var sequence = new EventSequence();

        assertThat(sequence.isNew(event(TASK, 3, 0))).isTrue();
        assertThat(sequence.isNew(event(TASK, 3, 1))).isTrue();
        assertThat(sequence.isNew(event(TASK, 3, 1))).as("the same event again").isFalse();
        assertThat(sequence.isNew(event(TASK, 3, 0))).as("an earlier one of the same frame").isFalse();
        assertThat(sequence.isNew(event(TASK, 2, 5))).as("one of an earlier frame").isFalse();
        assertThat(sequence.isNew(event(TASK, 4, 0))).isTrue();
        String other = "00000000-0000-4000-8000-000000000000";
        assertThat(sequence.isNew(event(other, 1, 0))).as("tasks are apart").isTrue();

        sequence.forget(TASK);
        assertThat(sequence.isNew(event(TASK, 1, 0))).isTrue();
    }

    @Test
    void theEventIdGivesFrameAndNumber() {
        AnalyticsEventRecord event = event(TASK, 120, 2);
        assertThat(event.frame()).isEqualTo(120);
        assertThat(event.n()).isEqualTo(2);
        assertThat(event.type()).isEqualTo("line_crossed");
        assertThatThrownBy(() -> AnalyticsEventRecord.parse(TASK, "{\"event_id\":\"other:1:0\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event_id \"other:1:0\" is not <task>:<frame>:<n> of task " + TASK);
        assertThatThrownBy(() -> AnalyticsEventRecord.parse(TASK, "{\"event_id\":\"" + TASK + ":1\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("is not <task>:<frame>:<n>");
    }

    private static AnalyticsEventRecord event(String task, long frame, int n) {
        return AnalyticsEventRecord.parse(task, "{\"event_id\":\"" + task + ":" + frame + ":" + n + "\",\"task_id\":\""
                + task + "\",\"frame\":" + frame + ",\"type\":\"line_crossed\"}");
    }
}
