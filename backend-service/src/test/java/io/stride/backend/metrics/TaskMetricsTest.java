package io.stride.backend.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.task.Ticker;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEvent.Type;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskMetricsTest {

    private static final long NOW = 1_700_000_000_000L;

    private final TaskRegistry tasks = new TaskRegistry(Ticker.SYSTEM);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    TaskMetricsTest() {
        new TaskMetrics(tasks, meters, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    }

    @Test
    void countsTasksByState() {
        tasks.apply(event("a", Type.STARTED, NOW));
        tasks.apply(event("a", Type.COMPLETED, NOW + 42_000));
        tasks.apply(event("b", Type.STARTED, NOW));
        tasks.apply(event("b", Type.FAILED, NOW + 1_000));
        tasks.apply(event("c", Type.STARTED, NOW));
        tasks.apply(event("d", Type.STARTED, NOW));
        tasks.apply(event("d", Type.PROGRESS, NOW + 500));
        tasks.apply(event("e", Type.QUEUED, NOW));
        tasks.apply(event("g", Type.PROGRESS, NOW)); // a late event of a task the backend no longer knows
        tasks.apply(event("f", Type.STARTED, NOW));
        tasks.apply(event("f", Type.CANCELLED, NOW + 2_000));

        assertThat(tasksIn("queued")).isEqualTo(1);
        assertThat(tasksIn("running")).isEqualTo(2);
        assertThat(tasksIn("completed")).isEqualTo(1);
        assertThat(tasksIn("failed")).isEqualTo(1);
        assertThat(tasksIn("cancelled")).isEqualTo(1);
    }

    @Test
    void measuresUploadToEndOnceForEveryTaskThatEnds() {
        TaskEvent completed = event("a", Type.COMPLETED, NOW + 42_000);
        tasks.apply(event("a", Type.STARTED, NOW));
        tasks.apply(completed);
        tasks.apply(completed);
        tasks.apply(event("b", Type.STARTED, NOW + 1_000));
        tasks.apply(event("b", Type.FAILED, NOW + 4_500));

        Timer done = duration("completed");
        assertThat(done.count()).isEqualTo(1);
        assertThat(done.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(42_000);
        assertThat(duration("failed").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3_500);
    }

    @Test
    void tasksThatEndedBeforeTheBackendStartedAreNotMeasuredAgain() {
        tasks.apply(event("9", Type.STARTED, NOW - 60_000));
        tasks.apply(event("9", Type.COMPLETED, NOW - 1));

        assertThat(meters.find("stride.task.duration").timers()).isEmpty();
        assertThat(tasksIn("completed")).isEqualTo(1);
    }

    private double tasksIn(String state) {
        return meters.get("stride.tasks").tag("state", state).gauge().value();
    }

    private Timer duration(String outcome) {
        return meters.get("stride.task.duration").tag("outcome", outcome).timer();
    }

    private static TaskEvent event(String task, Type type, long at) {
        String taskId = "00000000-0000-0000-0000-00000000000" + task;
        return switch (type) {
            case STARTED -> new TaskEvent(taskId, type, "backend", 0, 10, "clip.mp4", at);
            case PROGRESS -> new TaskEvent(taskId, type, "yolox", 5, -1, "", at);
            case COMPLETED -> new TaskEvent(taskId, type, "annotation", 10, 10, "", at);
            default -> new TaskEvent(taskId, type, "yolox", 0, -1, "broken", at);
        };
    }
}
