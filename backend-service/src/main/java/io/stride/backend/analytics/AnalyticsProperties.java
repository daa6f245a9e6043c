package io.stride.backend.analytics;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Re-analysis of finished tasks.
 *
 * @param maxAnalysesPerTask analyses kept per task; one more is refused with 409 until one is deleted. Each is two
 *                           small files beside the task's results, yet every one of them reads the task's whole
 *                           JSON Lines once, so the bound keeps one client from filling the disk or the CPU.
 *                           Default 50
 */
@Validated
@ConfigurationProperties("stride.analytics")
public record AnalyticsProperties(@DefaultValue("50") @Min(1) int maxAnalysesPerTask) {
}
