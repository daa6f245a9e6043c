package io.stride.backend.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One event's delivery as {@code GET /tasks/{id}/webhooks} shows it.
 *
 * @param lastStatusCode the receiver's last HTTP status, absent when it never answered
 * @param lastError      why the last attempt failed, absent when it did not
 * @param lastAttemptAt  when the last attempt started, absent for a dropped event
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One event's delivery to the task's webhook")
public record Delivery(
        @JsonProperty("event_id") @Schema(example = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b:42:0") String eventId,
        @Schema(example = "line_crossed") String type,
        @Schema(example = "3") int attempts,
        @Schema(allowableValues = {"delivered", "retrying", "failed", "dropped"}) String status,
        @JsonProperty("last_status_code") @Schema(example = "200") Integer lastStatusCode,
        @JsonProperty("last_error") @Schema(example = "HTTP 500") String lastError,
        @JsonProperty("last_attempt_at") @Schema(example = "2026-01-01T12:00:00Z") Instant lastAttemptAt) {

    static final String DELIVERED = "delivered";
    static final String RETRYING = "retrying";
    static final String FAILED = "failed";
    static final String DROPPED = "dropped";

    static Delivery dropped(WebhookEvent event) {
        return new Delivery(event.eventId(), event.type(), 0, DROPPED, null, "more than "
                + "stride.webhooks.max-pending-per-task events of this task were waiting", null);
    }

    /** This delivery after one more attempt, which had {@code outcome}, in status {@code status}. */
    Delivery after(Attempt outcome, Instant at, String status) {
        return new Delivery(eventId, type, attempts + 1, status, outcome.statusCode(), outcome.error(), at);
    }

    static Delivery waiting(WebhookEvent event) {
        return new Delivery(event.eventId(), event.type(), 0, RETRYING, null, null, null);
    }

    /** How one attempt ended: {@code statusCode} when the receiver answered, {@code error} unless it was a 2xx. */
    record Attempt(Integer statusCode, String error) {

        static Attempt answered(int statusCode) {
            boolean ok = statusCode >= 200 && statusCode < 300;
            return new Attempt(statusCode, ok ? null : "HTTP " + statusCode);
        }

        static Attempt failed(String error) {
            return new Attempt(null, error);
        }

        boolean succeeded() {
            return error == null;
        }
    }
}
