package io.stride.backend.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer of {@code GET /status/{id}}. {@code error} appears only for failed tasks, {@code warning} only
 * when the decoder noticed something about the input (a truncated file), {@code queue_position} only for queued
 * ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A task's status")
public record TaskStatus(
        @JsonProperty("task_id") @Schema(example = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b") String taskId,
        @Schema(allowableValues = {"queued", "running", "completed", "failed", "cancelled"}) String status,
        @Schema(description = "percent of the frames in the MP4", example = "85%") String progress,
        @Schema(description = "why the task failed; only for failed tasks") String error,
        @Schema(description = "what the result does not show, e.g. \"input truncated: decoded 20 of 314 frames\"; "
                + "absent when all is well") String warning,
        @JsonProperty("queue_position")
        @Schema(description = "only for queued tasks: 1 = the next to start", example = "3") Integer queuePosition,
        @JsonRawValue @Schema(description = "the options the task was uploaded with; absent when none",
                example = "{\"classes\":[\"person\"],\"pose\":false}") String options) {
}
