package io.stride.backend.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code GET /status/{id}}. {@code error} appears only for failed tasks. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskStatus(
        @JsonProperty("task_id") String taskId,
        String status,
        String progress,
        String error) {
}
