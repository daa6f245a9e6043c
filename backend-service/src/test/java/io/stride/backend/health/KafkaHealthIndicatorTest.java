package io.stride.backend.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.kafka.KafkaClients;
import io.stride.core.testing.TestBroker;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

class KafkaHealthIndicatorTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    /** The tests ask the broker themselves; nothing is scheduled. */
    private static final TaskScheduler UNUSED = new ThreadPoolTaskScheduler();

    @Test
    void upOnceTheBrokerHasAnswered() {
        Duration timeout = Duration.ofSeconds(10);
        try (TestBroker broker = new TestBroker(); Admin admin = admin(broker.bootstrapServers(), timeout)) {
            var indicator = new KafkaHealthIndicator(admin, new HealthProperties(INTERVAL, timeout), UNUSED);
            assertThat(indicator.health().getStatus()).as("before the first answer").isEqualTo(Status.DOWN);

            indicator.check();

            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            assertThat(indicator.health().getDetails()).containsEntry("brokers", 1).containsKey("clusterId");
        }
    }

    @Test
    void downWithinTheTimeoutWhenNoBrokerAnswers() {
        Duration timeout = Duration.ofMillis(500);
        try (Admin admin = admin("localhost:1", timeout)) {
            var indicator = new KafkaHealthIndicator(admin, new HealthProperties(INTERVAL, timeout), UNUSED);
            long start = System.nanoTime();
            indicator.check();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(took).isLessThan(timeout.multipliedBy(4));
        }
    }

    private static Admin admin(String bootstrapServers, Duration timeout) {
        return new KafkaClients(TestBroker.kafkaSettings(bootstrapServers)).admin(timeout);
    }
}
