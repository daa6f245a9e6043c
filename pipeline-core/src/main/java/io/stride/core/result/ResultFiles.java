package io.stride.core.result;

import io.stride.core.topic.TopicNames;
import java.nio.file.Path;

/**
 * Where a task's results live, so the annotation service (which writes them) and the backend (which
 * serves them) agree. Files being written carry a {@code .part} suffix until they are complete.
 */
public record ResultFiles(Path directory) {

    /** What {@link #liveAnalytics} adds to the task id. */
    public static final String LIVE_ANALYTICS_SUFFIX = ".analytics.live.json";

    /** The annotated video. */
    public Path video(String taskId) {
        return file(taskId, ".mp4");
    }

    /** Per-frame results as JSON Lines. */
    public Path annotations(String taskId) {
        return file(taskId, ".jsonl");
    }

    /**
     * The rolling recordings of a live task (a camera): closed segments {@code 000001.mp4} and
     * {@code 000001.jsonl} and their {@link RecordingManifest}, under {@code {id}/segments/}.
     */
    public Path segments(String taskId) {
        return file(taskId, "").resolve("segments");
    }

    /**
     * The analytics of a running task so far ({@code {task}.analytics.live.json}), replaced atomically about every
     * second while it runs and written a last time at its end: the running counterpart of the analytics the backend
     * computes from the JSON Lines of a completed task, and equal to them at the end.
     */
    public Path liveAnalytics(String taskId) {
        return file(taskId, LIVE_ANALYTICS_SUFFIX);
    }

    /** The in-progress form of a result file; moved over the final name when complete. */
    public static Path partial(Path finalFile) {
        return finalFile.resolveSibling(finalFile.getFileName() + ".part");
    }

    private Path file(String taskId, String suffix) {
        if (!TopicNames.isTaskId(taskId)) {
            throw new IllegalArgumentException("not a task id: " + taskId);
        }
        return directory.resolve(taskId + suffix);
    }
}
