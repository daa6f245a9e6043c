package io.stride.backend.upload;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code POST /upload}. */
public record UploadResponse(@JsonProperty("task_id") String taskId, String message,
                             @JsonProperty("stream_url") String streamUrl) {
}
