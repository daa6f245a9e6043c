package io.stride.backend.tasks;

import io.stride.backend.api.ApiException;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.task.TaskSnapshot;
import io.stride.backend.topics.TaskTopics;
import io.stride.core.result.ResultFiles;
import io.stride.core.result.StorageProperties;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Deletes a task. A running one is cancelled: the {@code CANCELLED} event makes every stage drop its work and
 * state, and the task stays listed as cancelled. One that has ended loses its results and leaves the list; a
 * second {@code CANCELLED} event records that, so the deletion survives a backend restart (the events topic is
 * replayed). Either way its topics and upload go at once rather than after the cleanup delay.
 */
@Service
class TaskDeletion {

    private static final Logger log = LoggerFactory.getLogger(TaskDeletion.class);
    static final String CANCEL_REASON = "cancelled by a user";
    static final String DELETE_REASON = "deleted by a user";

    private final TaskRegistry registry;
    private final TaskEventPublisher events;
    private final TaskTopics topics;
    private final StorageProperties storage;

    TaskDeletion(TaskRegistry registry, TaskEventPublisher events, TaskTopics topics, StorageProperties storage) {
        this.registry = registry;
        this.events = events;
        this.topics = topics;
        this.storage = storage;
    }

    DeletionResult delete(String taskId) {
        ApiException.requireTaskId(taskId);
        TaskSnapshot task = registry.snapshot(taskId).orElseThrow(() -> ApiException.notFound("no task " + taskId));
        boolean running = !task.isEnded();
        TaskEvent event = TaskEvent.cancelled(taskId, running ? CANCEL_REASON : DELETE_REASON);
        try {
            events.publishAndWait(event);
        } catch (IllegalStateException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "cannot reach Kafka to cancel the task: "
                    + e.getMessage());
        }
        registry.apply(event);
        removeFiles(taskId);
        topics.delete(taskId);
        if (running) {
            log.info("Task {}: cancelled by a user", taskId);
            return new DeletionResult(taskId, DeletionResult.CANCELLED);
        }
        log.info("Task {}: deleted by a user", taskId);
        return new DeletionResult(taskId, DeletionResult.DELETED);
    }

    /** The upload, the results and any partial results the annotation service has not removed yet. */
    private void removeFiles(String taskId) {
        ResultFiles results = storage.results();
        List<Path> files = List.of(storage.upload(taskId), results.video(taskId), results.annotations(taskId),
                ResultFiles.partial(results.video(taskId)), ResultFiles.partial(results.annotations(taskId)));
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Task {}: cannot delete {}: {}", taskId, file, e.toString());
            }
        }
    }
}
