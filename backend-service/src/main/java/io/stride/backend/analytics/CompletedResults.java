package io.stride.backend.analytics;

import io.stride.backend.api.ApiException;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.task.TaskStatus;
import io.stride.core.result.StorageProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The result files of a completed task, which is all analytics may read; refusals as the API answers them. */
@Component
class CompletedResults {

    private final TaskRegistry registry;
    private final StorageProperties storage;

    CompletedResults(TaskRegistry registry, StorageProperties storage) {
        this.registry = registry;
        this.storage = storage;
    }

    /**
     * The task's JSON Lines.
     *
     * @throws ApiException 400 for a malformed task id, 404 for an unknown task or one whose results are gone, 409
     *                      for one not completed
     */
    Path annotations(String taskId) {
        ApiException.requireTaskId(taskId);
        TaskStatus status = registry.status(taskId).orElseThrow(() -> ApiException.notFound("no task " + taskId));
        if (!registry.isCompleted(taskId)) {
            throw new ApiException(HttpStatus.CONFLICT, "task " + taskId + " is " + status.status()
                    + ": only a completed task's tracks can be analysed");
        }
        return existing(taskId, storage.results().annotations(taskId));
    }

    /** The task's annotated video, with the same refusals as {@link #annotations}. */
    Path video(String taskId) {
        annotations(taskId);
        return existing(taskId, storage.results().video(taskId));
    }

    Path directory() {
        return storage.resultsDir();
    }

    private static Path existing(String taskId, Path file) {
        if (!Files.isRegularFile(file)) {
            throw ApiException.notFound("the results of task " + taskId + " are no longer available");
        }
        return file;
    }
}
