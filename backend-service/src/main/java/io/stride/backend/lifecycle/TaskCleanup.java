package io.stride.backend.lifecycle;

import io.stride.backend.BackendProperties;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.topics.TaskTopics;
import io.stride.core.result.StorageProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * After a task ends, waits {@code stride.backend.cleanup-delay} (so late readers and stages drain), then
 * deletes its four topics and its upload. Results stay.
 */
@Component
class TaskCleanup {

    private static final Logger log = LoggerFactory.getLogger(TaskCleanup.class);

    private final TaskScheduler scheduler;
    private final TaskTopics topics;
    private final StorageProperties storage;
    private final BackendProperties properties;
    private final Clock clock;

    TaskCleanup(TaskRegistry registry, TaskScheduler scheduler, TaskTopics topics, StorageProperties storage,
                BackendProperties properties, Clock clock) {
        this.scheduler = scheduler;
        this.topics = topics;
        this.storage = storage;
        this.properties = properties;
        this.clock = clock;
        registry.onTaskEnded(this::schedule);
    }

    private void schedule(String taskId) {
        scheduler.schedule(() -> cleanUp(taskId), clock.instant().plus(properties.cleanupDelay()));
    }

    private void cleanUp(String taskId) {
        MDC.put("task_id", taskId);
        try {
            topics.delete(taskId);
            Files.deleteIfExists(storage.upload(taskId));
        } catch (IOException | RuntimeException e) {
            log.warn("Cleanup of task {} failed: {}", taskId, e.toString());
        } finally {
            MDC.remove("task_id");
        }
    }
}
