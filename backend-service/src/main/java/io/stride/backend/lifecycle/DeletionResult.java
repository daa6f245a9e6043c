package io.stride.backend.lifecycle;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer of {@code DELETE /tasks/{id}}.
 *
 * @param taskId the task
 * @param status {@code cancelled}: it was running, the stages dropped it and it stays listed as cancelled;
 *               {@code deleted}: it had ended, its results are gone and it is no longer listed;
 *               {@code stopped}: a running camera task, whose stream ends now; it stays listed with its results
 */
@Schema(description = "What deleting the task did")
public record DeletionResult(
        @JsonProperty("task_id") String taskId,
        @Schema(allowableValues = {"cancelled", "deleted", "stopped"},
                description = "cancelled: it was running and stays listed as cancelled; "
                        + "deleted: it had ended, its results are removed and it is no longer listed; "
                        + "stopped: a running camera task whose stream ends now; it stays listed with its results")
        String status) {

    static final String CANCELLED = "cancelled";
    static final String DELETED = "deleted";
    static final String STOPPED = "stopped";
}
