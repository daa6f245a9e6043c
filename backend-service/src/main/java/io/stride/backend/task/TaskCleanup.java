package io.stride.backend.task;

import io.stride.backend.BackendProperties;
import io.stride.backend.topics.TaskTopics;
import io.stride.core.result.StorageProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * After a task ends, waits {@code stride.backend.cleanup-delay} (so late readers and stages drain), then
 * deletes its four topics and its upload. Results stay.
 */
@Component
class TaskCleanup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TaskCleanup.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "task-cleanup");
        thread.setDaemon(true);
        return thread;
    });
    private final TaskTopics topics;
    private final StorageProperties storage;
    private final BackendProperties properties;

    TaskCleanup(TaskRegistry registry, TaskTopics topics, StorageProperties storage, BackendProperties properties) {
        this.topics = topics;
        this.storage = storage;
        this.properties = properties;
        registry.onTaskEnded(this::schedule);
    }

    private void schedule(String taskId) {
        scheduler.schedule(() -> cleanUp(taskId), properties.cleanupDelay().toMillis(), TimeUnit.MILLISECONDS);
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

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
