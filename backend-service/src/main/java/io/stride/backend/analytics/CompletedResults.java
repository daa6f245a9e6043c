package io.stride.backend.analytics;

import io.stride.backend.api.ApiException;
import io.stride.backend.api.MissingResults;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.task.TaskStatus;
import io.stride.core.result.StorageProperties;
import io.stride.backend.decode.VideoInfo;
import io.stride.backend.decode.VideoProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
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
        TaskStatus status = registry.status(taskId).orElseThrow(() -> ApiException.unknownTask(taskId));
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

    /**
     * The upright frame size of the task's video, from its annotated MP4; empty when that is gone (a task whose
     * JSON Lines alone were kept).
     *
     * @throws ApiException as {@link #annotations}
     */
    Optional<VideoInfo> frameSize(String taskId) {
        annotations(taskId);
        Path video = storage.results().video(taskId);
        if (!Files.isRegularFile(video)) {
            return Optional.empty();
        }
        try {
            return Optional.of(VideoProbe.probe(video));
        } catch (VideoProbe.UnreadableVideoException e) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "the video of task " + taskId
                    + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * The analytics so far of a task that has not ended, as the annotation service last wrote them; empty when it
     * has written none yet, or the task has ended (its analytics are then computed from its JSON Lines).
     */
    Optional<byte[]> liveAnalytics(String taskId) {
        if (!registry.isKnown(taskId) || registry.isEnded(taskId)) {
            return Optional.empty();
        }
        return readLiveAnalytics(taskId);
    }

    /**
     * The final analytics of a camera task: what the annotation service counted up to its stop, written a last time
     * then. A camera's tracks are in rolling segments that retention thins, so they are not counted again.
     *
     * @return empty for a task that is not a camera
     * @throws ApiException 409 while the camera runs or when it ended without counts, 404 once they are removed
     */
    Optional<byte[]> cameraAnalytics(String taskId) {
        if (registry.source(taskId).isEmpty()) {
            return Optional.empty();
        }
        if (!registry.isCompleted(taskId)) {
            throw new ApiException(HttpStatus.CONFLICT, "camera task " + taskId + " has no counts: "
                    + registry.status(taskId).map(TaskStatus::status).orElse("unknown"));
        }
        return Optional.of(readLiveAnalytics(taskId).orElseThrow(() -> ApiException.notFound(
                "the results of task " + taskId + " are no longer available")));
    }

    /** Whether the task is a camera's: its events went out live, its tracks are in rolling segments. */
    boolean isCamera(String taskId) {
        return registry.source(taskId).isPresent();
    }

    private Optional<byte[]> readLiveAnalytics(String taskId) {
        try {
            return Optional.of(Files.readAllBytes(storage.results().liveAnalytics(taskId)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "cannot read the live analytics of task "
                    + taskId + ": " + e);
        }
    }

    Path directory() {
        return storage.resultsDir();
    }

    private Path existing(String taskId, Path file) {
        if (!Files.isRegularFile(file)) {
            throw MissingResults.of(registry, taskId);
        }
        return file;
    }
}
