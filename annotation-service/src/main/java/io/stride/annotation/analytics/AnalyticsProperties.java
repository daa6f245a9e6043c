package io.stride.annotation.analytics;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The live analytics of tasks with lines or zones (docs/analytics.md, "Live events").
 *
 * @param snapshotInterval the running task's analytics file ({@code {task}.analytics.live.json}) is replaced at most
 *                         this often, and once more at the task's end; default 1s
 * @param forgetAfter      a track absent for longer than this, in video time, is forgotten, so a camera task that
 *                         runs for weeks remembers only recent tracks; default 60s, well above ByteTrack's
 *                         lost-track buffer (a few seconds), after which a track id never comes back, so
 *                         forgetting changes no count
 */
@Validated
@ConfigurationProperties("stride.annotation.analytics")
public record AnalyticsProperties(
        @DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration snapshotInterval,
        @DefaultValue("60s") @NotNull @DurationMin(seconds = 1) Duration forgetAfter) {
}
