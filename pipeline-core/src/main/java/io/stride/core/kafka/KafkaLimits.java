package io.stride.core.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits every service must agree on. Frame records carry a JPEG, which at 4K is well over Kafka's 1 MB
 * default, so producer, topic and consumer limits all come from {@link #maxMessageBytes()}.
 *
 * @param maxMessageBytes largest frame record; default 32 MiB (a 4K JPEG at q95 is ~4 MB)
 * @param metadataMaxAge  how often pattern subscriptions look for new task topics by themselves; a stage looks at
 *                        once when it reads a task's {@code STARTED} event, so this is the fallback for a start it
 *                        did not hear of. Default 10s; Kafka's 5 min would leave such a task waiting that long
 * @param outageTolerance how long the broker may be away without a task failing: producers keep a record for
 *                        this long before giving it up ({@code delivery.timeout.ms}), and a stage worker may wait
 *                        this long for its acknowledgements without leaving its group ({@code max.poll.interval.ms}
 *                        is this plus {@link KafkaSettings#POLL_INTERVAL_MARGIN}). Default 5m; the backend's stall
 *                        watchdog does not count time while the broker is away, so it agrees with any value
 * @param sessionTimeout  how long a stage instance that stopped heartbeating (killed, frozen) keeps its tasks before
 *                        the group hands them to another instance or to its restarted self; default 45s, Kafka's.
 *                        Shorter takes a killed stage's tasks over sooner, at the cost of rebalances when a loaded
 *                        host delays heartbeats that long
 */
@Validated
@ConfigurationProperties("stride.kafka")
public record KafkaLimits(
        @DefaultValue("33554432") @Min(1048576) int maxMessageBytes,
        @DefaultValue("10s") Duration metadataMaxAge,
        @DefaultValue("5m") @NotNull @DurationMin(minutes = 1) Duration outageTolerance,
        @DefaultValue("45s") @NotNull @DurationMin(seconds = 6) Duration sessionTimeout) {

    /** The default of {@code outageTolerance}, for clients made outside Spring (tests, benchmarks). */
    public static final Duration DEFAULT_OUTAGE_TOLERANCE = Duration.ofMinutes(5);
    /** The default of {@code sessionTimeout}, likewise. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);
}
