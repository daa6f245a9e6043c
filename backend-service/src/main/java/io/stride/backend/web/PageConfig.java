package io.stride.backend.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the web page needs to know that only the server's configuration says.
 *
 * @param previewBaseUrl base URL of the annotation service's live preview, as the browser reaches it
 */
@Schema(description = "Settings of the web page")
public record PageConfig(
        @JsonProperty("preview_base_url")
        @Schema(description = "the page shows {preview_base_url}/preview/{task_id} (MJPEG) while a task runs",
                example = "http://localhost:8084")
        String previewBaseUrl) {
}
