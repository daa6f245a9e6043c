package io.stride.backend.webhook;

import io.stride.backend.task.TaskSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request body to POST to a task's webhook, and what to do once it is delivered or given up.
 *
 * @param eventId the {@code X-Stride-Event-Id} header: the same on every attempt, so receivers can drop repeats
 * @param type    {@code line_crossed}, {@code zone_entered}, {@code zone_exited}, {@code task_completed},
 *                {@code task_failed} or {@code task_cancelled}
 * @param body    the exact bytes sent and signed
 * @param settled called once when the event is delivered, given up or dropped
 */
record WebhookEvent(String eventId, String taskId, String type, byte[] body, Runnable settled) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String COMPLETED = "task_completed";
    static final String FAILED = "task_failed";
    static final String CANCELLED = "task_cancelled";

    /** An analytics event as the annotation stage published it, sent unchanged. */
    static WebhookEvent analytics(AnalyticsEventRecord event, Runnable settled) {
        return new WebhookEvent(event.eventId(), event.taskId(), event.type(),
                event.json().getBytes(StandardCharsets.UTF_8), settled);
    }

    /**
     * The end of an ended task: {@code {"event_id": "<task>:completed", "task_id", "type": "task_completed",
     * "status": "completed", "ended_at": "<ISO-8601>", "frames"?: n, "error"?: "…"}}.
     */
    static WebhookEvent end(TaskSnapshot task) {
        String status = task.status();
        String type = "task_" + status;
        ObjectNode body = JSON.createObjectNode()
                .put("event_id", task.taskId() + ":" + status)
                .put("task_id", task.taskId())
                .put("type", type)
                .put("status", status)
                .put("ended_at", Instant.ofEpochMilli(task.endedAt()).toString());
        if (task.frameCountExact()) {
            body.put("frames", task.frameCount());
        }
        if (task.error() != null && !task.error().isEmpty()) {
            body.put("error", task.error());
        }
        return new WebhookEvent(body.get("event_id").asString(), task.taskId(), type,
                JSON.writeValueAsBytes(body), () -> { });
    }
}
