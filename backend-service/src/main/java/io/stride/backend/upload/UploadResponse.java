package io.stride.backend.upload;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of {@code POST /upload}. */
@Schema(description = "The task that was started")
public record UploadResponse(
        @JsonProperty("task_id") @Schema(example = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b") String taskId,
        @Schema(example = "Task started successfully.") String message,
        @JsonProperty("stream_url") @Schema(description = "the live annotated video (RTSP)",
                example = "rtsp://localhost:8554/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b") String streamUrl) {
}
