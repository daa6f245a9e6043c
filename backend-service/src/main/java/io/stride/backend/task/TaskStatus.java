package io.stride.backend.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer of {@code GET /status/{id}}. {@code error} appears only for failed tasks, {@code warning} only
 * when the decoder noticed something about the input (a truncated file), {@code queue_position} only for queued
 * ones; {@code source} and {@code camera} only for camera tasks, whose {@code status} is one of {@code connecting},
 * {@code live}, {@code reconnecting}, {@code stopped} or {@code failed}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A task's status")
public record TaskStatus(
        @JsonProperty("task_id") @Schema(example = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b") String taskId,
        @Schema(allowableValues = {"queued", "running", "completed", "failed", "cancelled", "connecting", "live",
                "reconnecting", "stopped"}) String status,
        @Schema(description = "percent of the frames in the MP4", example = "85%") String progress,
        @Schema(description = "why the task failed; only for failed tasks") String error,
        @Schema(description = "what the result does not show, e.g. \"input truncated: decoded 20 of 314 frames\"; "
                + "absent when all is well") String warning,
        @JsonProperty("queue_position")
        @Schema(description = "only for queued tasks: 1 = the next to start", example = "3") Integer queuePosition,
        @JsonRawValue @Schema(description = "the options the task was uploaded with; absent when none",
                example = "{\"classes\":[\"person\"],\"pose\":false}") String options,
        @Schema(description = "only for camera tasks: the source, its URL's credentials masked") SourceView source,
        @Schema(description = "only for camera tasks: how the ingest is doing") CameraCounters camera) {

    /** An upload's task. */
    public TaskStatus(String taskId, String status, String progress, String error, String warning,
                      Integer queuePosition, String options) {
        this(taskId, status, progress, error, warning, queuePosition, options, null, null);
    }

    /** This answer for a camera task: its camera status, source and counters; no progress (a camera has no end). */
    public TaskStatus asCamera(String cameraStatus, SourceView cameraSource, CameraCounters counters) {
        return new TaskStatus(taskId, cameraStatus, null, error, warning, queuePosition, options, cameraSource,
                counters);
    }
}
