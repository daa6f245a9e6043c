package io.stride.backend.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of {@code POST /upload}. {@code queue_position} appears only for a queued task. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The task that was started or queued")
public record UploadResponse(
        @JsonProperty("task_id") @Schema(example = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b") String taskId,
        @Schema(example = "Task started successfully.") String message,
        @JsonProperty("stream_url") @Schema(description = "the live annotated video (RTSP)",
                example = "rtsp://localhost:8554/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b") String streamUrl,
        @Schema(allowableValues = {"running", "queued"}) String status,
        @JsonProperty("queue_position")
        @Schema(description = "only for a queued task: 1 = the next to start", example = "3") Integer queuePosition) {

    static UploadResponse started(String taskId, String streamUrl) {
        return new UploadResponse(taskId, "Task started successfully.", streamUrl, "running", null);
    }

    static UploadResponse queued(String taskId, String streamUrl, int position) {
        return new UploadResponse(taskId, "Task queued at position " + position + "; it starts when a slot frees.",
                streamUrl, "queued", position);
    }
}
