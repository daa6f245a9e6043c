package io.stride.backend.upload;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How uploads are received, and how much video one may hold (beside {@code stride.backend.max-frame-width},
 * {@code max-frame-height} and {@code max-duration}). Refusals are 503 for the first two, 422 for the rest.
 *
 * @param maxConcurrent  uploads received at once, from their first byte until they are answered; beyond, an upload
 *                       is refused before its body is read. Each holds a request thread, the disk its body fills as
 *                       it arrives and an FFmpeg probe. Default 4
 * @param busyRetryAfter what {@code Retry-After} tells an upload refused for that; default 10s
 * @param maxFrameRate   highest average frame rate, in frames per second; default 120 (every frame is detected,
 *                       tracked and annotated, so 240 fps costs twice 120 fps for each second of video)
 * @param maxFrames      most frames, as the container declares them and counted again while decoding, so a container
 *                       that understates them fails its task when decoding gets there; default 216000, an hour at
 *                       60 fps
 * @param maxPixelRate   most pixels per second of video: width x height x frame rate. Default 124416000, 1080p at
 *                       60 fps or 4K at 15 fps. With {@code max-duration} it bounds the pixels one task decodes,
 *                       encodes and annotates: a static picture in 4K at 30 fps for an hour is a few megabytes on
 *                       disk, yet hours of work
 * @param maxOptionsSize longest {@code options} field (JSON); default 1MB, room for a hundred zones of a thousand
 *                       vertices each, the most the options accept
 */
@Validated
@ConfigurationProperties("stride.upload")
public record UploadProperties(
        @DefaultValue("4") @Min(1) int maxConcurrent,
        @DefaultValue("10s") @NotNull Duration busyRetryAfter,
        @DefaultValue("120") @Positive double maxFrameRate,
        @DefaultValue("216000") @Min(1) long maxFrames,
        @DefaultValue("124416000") @Min(1) long maxPixelRate,
        @DefaultValue("1MB") @NotNull DataSize maxOptionsSize) {
}
