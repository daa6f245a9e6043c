package io.stride.backend.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.core.analytics.AnalyticsJson;
import io.stride.core.analytics.LiveEvent;
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

    @Test
    void readsTheLiveEventThePipelineWritesAndKeepsItExactly() {
        String json = AnalyticsJson.liveEvent(new LiveEvent(TASK, LiveEvent.eventId(TASK, 42, 1), 42, 1_680_000,
                "zone_entered", "queue", 7, "person", null, null, 2));

        AnalyticsEventRecord event = AnalyticsEventRecord.parse(TASK, json);

        assertThat(event).isEqualTo(new AnalyticsEventRecord(TASK, TASK + ":42:1", 42, 1, "zone_entered", json));
        assertThatThrownBy(() -> AnalyticsEventRecord.parse(TASK, "[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnalyticsEventRecord.parse(TASK, "not json"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFieldAddedByALaterAnnotationStageDoesNotMakeTheEventUnreadable() {
        String json = "{\"event_id\":\"" + TASK + ":5:0\",\"task_id\":\"" + TASK + "\",\"frame\":5,"
                + "\"type\":\"line_crossed\",\"speed_px_s\":12.5}";

        assertThat(AnalyticsEventRecord.parse(TASK, json).frame()).isEqualTo(5);
    }

    private static AnalyticsEventRecord event(String task, long frame, int n) {
        return AnalyticsEventRecord.parse(task, "{\"event_id\":\"" + task + ":" + frame + ":" + n + "\",\"task_id\":\""
                + task + "\",\"frame\":" + frame + ",\"type\":\"line_crossed\"}");
    }
}
