package io.stride.backend.lifecycle;

import io.stride.backend.api.ApiException;
import io.stride.backend.camera.CameraIngests;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.task.TaskSnapshot;
import io.stride.backend.topics.TaskTopics;
import io.stride.core.result.StorageProperties;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.util.FileSystemUtils;

/**
 * Deletes a task. A running one is cancelled: the {@code CANCELLED} event makes every stage drop its work and
 * state, and the task stays listed as cancelled. One that has ended loses its results and leaves the list; a
 * second {@code CANCELLED} event records that, so the deletion survives a backend restart (the events topic is
 * replayed). Either way its topics and upload go at once rather than after the cleanup delay. Results whose task
 * is unknown (forgotten, or left by a crash) can be deleted too.
 *
 * <p>A running camera task is stopped instead: its ingest ends the stream as an upload's decoder does, the annotation
 * service completes it, and its results and topics stay (the topics until the cleanup delay). Deleting it once it
 * has ended deletes its results as for any ended task.
 */
@Service
public class TaskDeletion {

    private static final Logger log = LoggerFactory.getLogger(TaskDeletion.class);
    public static final String CANCEL_REASON = "cancelled by a user";
    static final String DELETE_REASON = "deleted by a user";
    static final String EXPIRED_REASON = "deleted: its results were older than stride.storage.results-retention";

    private final TaskRegistry registry;
    private final TaskEventPublisher events;
    private final TaskTopics topics;
    private final StorageProperties storage;
    private final CameraIngests cameras;

    TaskDeletion(TaskRegistry registry, TaskEventPublisher events, TaskTopics topics, StorageProperties storage,
                 CameraIngests cameras) {
        this.cameras = cameras;
        this.registry = registry;
        this.events = events;
        this.topics = topics;
        this.storage = storage;
    }

    public DeletionResult delete(String taskId) {
        ApiException.requireTaskId(taskId);
        TaskSnapshot task = registry.snapshot(taskId).orElse(null);
        if (task == null) {
            return deleteOrphan(taskId);
        }
        if (!task.isEnded() && registry.source(taskId).isPresent() && cameras.stop(taskId)) {
            log.info("Task {}: camera stopped by a user", taskId);
            return new DeletionResult(taskId, DeletionResult.STOPPED);
        }
        return delete(task, task.isEnded() ? DELETE_REASON : CANCEL_REASON);
    }

    /** Removes an ended task whose results are past their retention, as a user's deletion would. */
    void expire(String taskId) {
        registry.snapshot(taskId).filter(TaskSnapshot::isEnded).ifPresent(task -> delete(task, EXPIRED_REASON));
    }

    /** Results no task owns (their task was forgotten, or they were left by a crash): their files go. */
    private DeletionResult deleteOrphan(String taskId) {
        if (!removeFiles(taskId)) {
            throw ApiException.unknownTask(taskId);
        }
        log.info("Task {}: results of an unknown task deleted", taskId);
        return new DeletionResult(taskId, DeletionResult.DELETED);
    }

    private DeletionResult delete(TaskSnapshot task, String reason) {
        String taskId = task.taskId();
        boolean running = !task.isEnded();
        TaskEvent event = TaskEvent.cancelled(taskId, reason);
        try {
            events.publishAndWait(event);
        } catch (IllegalStateException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "cannot reach Kafka to cancel the task: "
                    + e.getMessage());
        }
        registry.apply(event);
        removeFiles(taskId);
        topics.delete(taskId);
        log.info("Task {}: {}", taskId, reason);
        return new DeletionResult(taskId, running ? DeletionResult.CANCELLED : DeletionResult.DELETED);
    }

    /**
     * The upload, the results and whatever the annotation service has not removed yet of its work on the task
     * (partial files, closed segments, its resume point): every file of the results directory named after the task,
     * and a camera's recordings, the task's directory there.
     *
     * @return whether there was any
     */
    private boolean removeFiles(String taskId) {
        boolean removed = delete(taskId, storage.upload(taskId));
        removed |= deleteTree(taskId, storage.results().segments(taskId).getParent());
        Path results = storage.resultsDir();
        if (!Files.isDirectory(results)) {
            return removed;
        }
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith(taskId + ".")).toList()) {
                removed |= delete(taskId, file);
            }
        } catch (IOException e) {
            log.warn("Task {}: cannot list {}: {}", taskId, results, e.toString());
        }
        return removed;
    }

    private static boolean deleteTree(String taskId, Path directory) {
        try {
            return FileSystemUtils.deleteRecursively(directory);
        } catch (IOException e) {
            log.warn("Task {}: cannot delete {}: {}", taskId, directory, e.toString());
            return false;
        }
    }

    private static boolean delete(String taskId, Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Task {}: cannot delete {}: {}", taskId, file, e.toString());
            return false;
        }
    }
}
