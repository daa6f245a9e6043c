package io.stride.backend.task;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The health contributor {@code taskEvents}: up once the backend has read every task event that existed when it
 * started, and while it keeps reading. Part of the readiness group: a backend that does not know the earlier tasks
 * would answer 404 for them and could not keep the queue's order.
 */
@Component
class TaskEventsHealthIndicator implements HealthIndicator {

    private final TaskEventReader reader;

    TaskEventsHealthIndicator(TaskEventReader reader) {
        this.reader = reader;
    }

    @Override
    public Health health() {
        String problem = reader.problem();
        return problem == null ? Health.up().build() : Health.down().withDetail("error", problem).build();
    }
}
