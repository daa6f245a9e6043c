package io.stride.backend.metrics;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the backend measures of the whole pipeline beyond its own work.
 *
 * @param lagInterval  how often the consumer lag of every stage is measured; default 5s, a third of Prometheus'
 *                     usual 15 s scrape interval, so every scrape sees a fresh value
 * @param adminTimeout longest wait for one answer of the broker while measuring lag; default 5s
 */
@Validated
@ConfigurationProperties("stride.metrics")
public record MetricsProperties(
        @DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration lagInterval,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration adminTimeout) {
}
