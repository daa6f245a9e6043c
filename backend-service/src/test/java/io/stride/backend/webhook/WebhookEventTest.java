package io.stride.backend.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.task.TaskSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookEventTest {

    private static final String TASK = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final long ENDED_AT = 1_767_268_800_000L; // 2026-01-01T12:00:00Z

    @Test
    void aCompletedTasksEndCarriesItsFrames() {
        WebhookEvent end = WebhookEvent.end(new TaskSnapshot(TASK, "walk.mp4", "completed", 100, 314, true, Map.of(),
                ENDED_AT - 60_000, ENDED_AT, null));

        assertThat(end.eventId()).isEqualTo(TASK + ":completed");
        assertThat(end.type()).isEqualTo("task_completed");
        assertThat(new String(end.body(), StandardCharsets.UTF_8)).isEqualTo("{\"event_id\":\"" + TASK
                + ":completed\",\"task_id\":\"" + TASK + "\",\"type\":\"task_completed\",\"status\":\"completed\","
                + "\"ended_at\":\"2026-01-01T12:00:00Z\",\"frames\":314}");
    }

    @Test
    void aFailedOrCancelledTasksEndCarriesWhy() {
        WebhookEvent failed = WebhookEvent.end(new TaskSnapshot(TASK, "walk.mp4", "failed", 40, 314, false, Map.of(),
                ENDED_AT - 60_000, ENDED_AT, "yolox: model failed"));
        WebhookEvent cancelled = WebhookEvent.end(new TaskSnapshot(TASK, "walk.mp4", "cancelled", 40, 314, false,
                Map.of(), ENDED_AT - 60_000, ENDED_AT, "deleted by a user"));

        assertThat(new String(failed.body(), StandardCharsets.UTF_8)).isEqualTo("{\"event_id\":\"" + TASK
                + ":failed\",\"task_id\":\"" + TASK + "\",\"type\":\"task_failed\",\"status\":\"failed\","
                + "\"ended_at\":\"2026-01-01T12:00:00Z\",\"error\":\"yolox: model failed\"}");
        assertThat(cancelled.type()).isEqualTo("task_cancelled");
        assertThat(cancelled.eventId()).isEqualTo(TASK + ":cancelled");
    }
}
