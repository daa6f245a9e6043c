package io.stride.backend.health;

import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The health contributor {@code kafka}: up while the broker describes its cluster. Part of the readiness group,
 * so the backend takes no uploads it could not turn into topics and events. The broker is asked in the
 * background every {@code stride.health.kafka-check-interval}, and a probe gets the latest answer at once: a
 * probe never waits on the network, and a slow broker is told apart from an absent one by a generous timeout.
 * Down until the first answer.
 */
@Component
public class KafkaHealthIndicator implements HealthIndicator, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaHealthIndicator.class);

    private static final int PHASE_BEFORE_EVERYTHING = 4096;

    private final Admin admin;
    private final HealthProperties properties;
    private volatile Health latest = Health.down().withDetail("error", "not asked yet").build();
    private volatile boolean answered;
    private final TaskScheduler scheduler;
    private volatile ScheduledFuture<?> checks;

    public KafkaHealthIndicator(Admin admin, HealthProperties properties, TaskScheduler scheduler) {
        this.admin = admin;
        this.properties = properties;
        this.scheduler = scheduler;
    }

    @Override
    public Health health() {
        return latest;
    }

    /** Whether the broker was asked and did not answer (before the first answer, nothing is known). */
    public boolean isAnsweredDown() {
        return answered && !Status.UP.equals(latest.getStatus());
    }

    /** Asks the broker now and keeps its answer for {@link #health()}. */
    public Health check() {
        Health health = ask();
        if (!health.getStatus().equals(latest.getStatus())) {
            log.info("Kafka is {}: {}", health.getStatus(), health.getDetails());
        }
        latest = health;
        answered = true;
        return health;
    }

    private Health ask() {
        int timeoutMs = (int) properties.kafkaTimeout().toMillis();
        try {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
            Collection<Node> nodes = cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
            String clusterId = cluster.clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
            return Health.up().withDetail("clusterId", clusterId).withDetail("brokers", nodes.size())
                    .withDetail("answeredAt", Instant.now().toString()).build();
        } catch (ExecutionException e) {
            return Health.down(e.getCause()).build();
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "no answer within " + properties.kafkaTimeout()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        }
    }

    @Override
    public synchronized void start() {
        checks = scheduler.scheduleWithFixedDelay(this::check, properties.kafkaCheckInterval());
    }

    @Override
    public synchronized void stop() {
        if (checks != null) {
            checks.cancel(true);
            checks = null;
        }
    }

    @Override
    public boolean isRunning() {
        return checks != null;
    }

    /** Before the task event reader and the web server: uploads find an answer about the broker soon. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - PHASE_BEFORE_EVERYTHING;
    }
}
