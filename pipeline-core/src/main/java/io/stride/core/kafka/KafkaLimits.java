package io.stride.core.kafka;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits every service must agree on. Frame records carry a JPEG, which at 4K is well over Kafka's 1 MB
 * default, so producer, topic and consumer limits all come from {@link #maxMessageBytes()}.
 *
 * @param maxMessageBytes largest frame record; default 32 MiB (a 4K JPEG at q95 is ~4 MB)
 * @param metadataMaxAge  how often pattern subscriptions look for new task topics; Kafka's 5 min default
 *                        would leave a new task waiting that long, 1 s picks it up at once
 */
@Validated
@ConfigurationProperties("stride.kafka")
public record KafkaLimits(
        @DefaultValue("33554432") @Min(1048576) int maxMessageBytes,
        @DefaultValue("1s") Duration metadataMaxAge) {
}
