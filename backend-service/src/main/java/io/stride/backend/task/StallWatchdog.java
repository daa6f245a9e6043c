package io.stride.backend.task;

import io.stride.backend.BackendProperties;
import io.stride.backend.admission.TaskAdmission;
import io.stride.backend.frames.FramePublisher;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * No task stays {@code running} for ever: a task whose stage is down longer than
 * {@code stride.backend.stall-timeout}, or whose decoding died with a previous backend process, is failed
 * with a reason naming the cause. Its topics then go the way of every ended task's; a stage that comes back
 * later cannot revive it.
 */
@Component
class StallWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StallWatchdog.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "stall-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private final TaskRegistry registry;
    private final FramePublisher decoder;
    private final TaskAdmission admission;
    private final TaskEventPublisher events;
    private final BackendProperties properties;

    StallWatchdog(TaskRegistry registry, FramePublisher decoder, TaskAdmission admission, TaskEventPublisher events,
                  BackendProperties properties) {
        this.registry = registry;
        this.decoder = decoder;
        this.admission = admission;
        this.events = events;
        this.properties = properties;
        long interval = properties.stallCheckInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (!admission.isReady()) {
            return; // after a restart, interrupted tasks are taken over first; until then none is fairly stuck
        }
        try {
            registry.stalledTasks(System.currentTimeMillis(), properties.stallTimeout().toMillis(), decoder::isDecoding)
                    .forEach((taskId, reason) -> {
                        log.warn("Task {} failed: {}", taskId, reason);
                        events.publishAndWait(TaskEvent.failed(taskId, "backend", reason));
                    });
        } catch (RuntimeException e) {
            log.warn("Stall check failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
