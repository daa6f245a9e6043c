package io.stride.backend.task;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A camera task's source as answers show it: the URL with any credentials masked.
 *
 * @param url  e.g. {@code rtsp://***@192.0.2.7/stream1}
 * @param name the name given to the camera, possibly empty
 */
@Schema(description = "A camera task's source; credentials in its URL are masked")
public record SourceView(
        @Schema(example = "rtsp://***@192.0.2.7:554/stream1") String url,
        @Schema(example = "gate-2") String name) {
}
