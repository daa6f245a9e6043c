package io.stride.backend.health;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the backend judges the broker's health.
 *
 * @param kafkaCheckInterval how often the broker is asked to describe its cluster; default 5s, so readiness
 *                           follows an outage within a Docker or Kubernetes probe period or two
 * @param kafkaTimeout       how long one answer may take before the broker counts as down; default 10s: a broker
 *                           on a busy two-core host answers in seconds, and a slow answer is no outage
 */
@Validated
@ConfigurationProperties("stride.health")
public record HealthProperties(
        @DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration kafkaCheckInterval,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 100) Duration kafkaTimeout) {
}
