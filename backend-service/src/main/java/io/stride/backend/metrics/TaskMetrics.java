package io.stride.backend.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.task.TaskSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The tasks as the backend knows them:
 * <ul>
 *   <li>{@code stride.tasks{state}}: tasks per state ({@code queued}, {@code running}, {@code completed},
 *       {@code failed}, {@code cancelled}) over the retention of the events topic; deleted tasks are not counted</li>
 *   <li>{@code stride.task.duration{outcome}}: upload accepted to task ended, for tasks that end while this
 *       backend runs (the replay of older tasks at start-up is not measured again)</li>
 * </ul>
 */
@Component
public class TaskMetrics {

    /** Every state {@link TaskSnapshot#status()} takes. */
    static final List<String> STATES = List.of("queued", "running", "completed", "failed", "cancelled");
    /** Histogram range of task durations: a 5-frame clip takes seconds, a long video hours. */
    private static final Duration SHORTEST_TASK = Duration.ofSeconds(1);
    private static final Duration LONGEST_TASK = Duration.ofHours(4);

    private final TaskRegistry tasks;
    private final MeterRegistry registry;
    private final long measuringSince;

    @Autowired
    public TaskMetrics(TaskRegistry tasks, MeterRegistry registry) {
        this(tasks, registry, Clock.systemUTC());
    }

    TaskMetrics(TaskRegistry tasks, MeterRegistry registry, Clock clock) {
        this.tasks = tasks;
        this.registry = registry;
        this.measuringSince = clock.millis();
        for (String state : STATES) {
            Gauge.builder("stride.tasks", tasks, registryOfTasks -> count(registryOfTasks, state))
                    .tag("state", state)
                    .description("Tasks by state")
                    .baseUnit("tasks")
                    .register(registry);
        }
        tasks.onTaskEnded(this::ended);
    }

    private static double count(TaskRegistry tasks, String state) {
        return tasks.all().stream().filter(task -> task.status().equals(state)).count();
    }

    private void ended(String taskId) {
        tasks.snapshot(taskId).ifPresent(task -> {
            if (task.startedAt() > 0 && task.endedAt() >= measuringSince) {
                Timer.builder("stride.task.duration")
                        .tag("outcome", task.status())
                        .description("Time from upload to the task's end")
                        .publishPercentileHistogram()
                        .minimumExpectedValue(SHORTEST_TASK)
                        .maximumExpectedValue(LONGEST_TASK)
                        .register(registry)
                        .record(Duration.ofMillis(Math.max(0, task.endedAt() - task.startedAt())));
            }
        });
    }
}
