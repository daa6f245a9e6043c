package io.stride.backend.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.kafka.KafkaSettings;
import io.stride.core.testing.TestBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class KafkaHealthIndicatorTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);

    @Test
    void upOnceTheBrokerHasAnswered() {
        try (TestBroker broker = new TestBroker();
             var indicator = new KafkaHealthIndicator(settings(broker.bootstrapServers()),
                     new HealthProperties(INTERVAL, Duration.ofSeconds(10)))) {
            assertThat(indicator.health().getStatus()).as("before the first answer").isEqualTo(Status.DOWN);

            indicator.check();

            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            assertThat(indicator.health().getDetails()).containsEntry("brokers", 1).containsKey("clusterId");
        }
    }

    @Test
    void downWithinTheTimeoutWhenNoBrokerAnswers() {
        Duration timeout = Duration.ofMillis(500);
        try (var indicator = new KafkaHealthIndicator(settings("localhost:1"), new HealthProperties(INTERVAL, timeout))) {
            long start = System.nanoTime();
            indicator.check();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(took).isLessThan(timeout.multipliedBy(4));
        }
    }

    private static KafkaSettings settings(String bootstrapServers) {
        return TestBroker.kafkaSettings(bootstrapServers);
    }
}
