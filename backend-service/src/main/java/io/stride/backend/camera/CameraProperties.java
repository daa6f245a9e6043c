package io.stride.backend.camera;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How camera tasks ({@code POST /streams}) read their source; see docs/cameras.md.
 *
 * @param stallTimeout     a source that delivers no picture for this long is reconnected (status
 *                         {@code reconnecting}); also FFmpeg's socket and read timeout, so a stalled source returns an
 *                         error instead of blocking. Default 10s
 * @param connectDeadline  a task whose source never delivered a picture this long after its start fails. Default 60s
 * @param reconnect        the waits between reconnection attempts
 * @param maxLag           the most pipeline lag a camera allows, in the source's time from the oldest frame published
 *                         and not yet annotated to the picture at hand; beyond it pictures are dropped by
 *                         {@code dropPolicy}. Default 1s
 * @param dropPolicy       {@code latest} (default): drop every picture while behind; {@code every-kth}: drop every
 *                         {@code dropEvery}-th picture while behind
 * @param dropEvery        k of {@code every-kth}; default 2
 * @param placeholderFps   rate of the "source unavailable" frames published while a source is away, so the restream
 *                         and recordings keep running; default 2
 * @param defaultFps       the frame rate assumed for a source that declares none (or an implausible one); default 25
 * @param maxNameLength    longest camera name; default 100
 */
@Validated
@ConfigurationProperties("stride.camera")
public record CameraProperties(
        @DefaultValue("10s") @NotNull Duration stallTimeout,
        @DefaultValue("60s") @NotNull Duration connectDeadline,
        @DefaultValue @Valid @NotNull Reconnect reconnect,
        @DefaultValue("1s") @NotNull Duration maxLag,
        @DefaultValue("latest") @NotNull DropPolicy dropPolicy,
        @DefaultValue("2") @Min(2) int dropEvery,
        @DefaultValue("2") @DecimalMin("0.1") @DecimalMax("30") double placeholderFps,
        @DefaultValue("25") @DecimalMin("1") @DecimalMax("240") double defaultFps,
        @DefaultValue("100") @Min(1) @Max(1000) int maxNameLength) {

    /**
     * @param initial the first wait; default 1s
     * @param factor  each wait is the previous one times this; default 2
     * @param max     the longest wait; default 10s: a camera back after an outage is picked up within about that
     */
    public record Reconnect(
            @DefaultValue("1s") @NotNull Duration initial,
            @DefaultValue("2") @DecimalMin("1") double factor,
            @DefaultValue("10s") @NotNull Duration max) {
    }

    long maxLagMicros() {
        return TimeUnit.MILLISECONDS.toMicros(maxLag.toMillis());
    }

    Backoff backoff() {
        return new Backoff(reconnect.initial(), reconnect.factor(), reconnect.max());
    }
}
