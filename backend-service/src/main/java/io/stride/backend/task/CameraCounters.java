package io.stride.backend.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How a camera task's ingest is doing.
 *
 * @param inputFps              pictures read from the source per second, over the last few seconds
 * @param outputFps             frames published to the pipeline per second, over the last few seconds
 * @param framesDropped         pictures not published because the pipeline was too far behind
 * @param reconnects            connections made after the first one
 * @param secondsSinceLastFrame seconds since the source last delivered a picture; -1 before the first
 * @param lagSeconds            the pipeline's lag at the latest picture, in the source's time from the oldest
 *                              frame not yet annotated (beyond {@code stride.camera.max-lag} pictures are dropped)
 */
@Schema(description = "A camera task's ingest counters")
public record CameraCounters(
        @JsonProperty("input_fps") @Schema(example = "25.0") double inputFps,
        @JsonProperty("output_fps") @Schema(example = "12.5") double outputFps,
        @JsonProperty("frames_dropped") long framesDropped,
        long reconnects,
        @JsonProperty("seconds_since_last_frame") @Schema(example = "0.04") double secondsSinceLastFrame,
        @JsonProperty("lag_seconds") @Schema(example = "0.35") double lagSeconds) {

    /** Before the ingest has run in this process (e.g. right after a restart). */
    public static final CameraCounters NONE = new CameraCounters(0, 0, 0, 0, -1, 0);
}
