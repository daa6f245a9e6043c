package io.stride.backend.camera;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stride.backend.task.SourceView;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of {@code POST /streams}. */
@Schema(description = "The camera task that was started")
public record StreamResponse(
        @JsonProperty("task_id") @Schema(example = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b") String taskId,
        @JsonProperty("stream_url") @Schema(description = "the live annotated video (RTSP)",
                example = "rtsp://localhost:8554/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b") String streamUrl,
        @Schema(allowableValues = {"connecting"}) String status,
        @Schema(description = "the source, its URL's credentials masked") SourceView source) {
}
