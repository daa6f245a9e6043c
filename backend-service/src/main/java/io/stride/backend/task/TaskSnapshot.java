package io.stride.backend.task;

import io.stride.core.topic.StageId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task as the backend knows it at one instant, for listings and live updates.
 *
 * @param taskId          the task
 * @param fileName        the uploaded file's name, for display
 * @param status          {@code queued}, {@code running}, {@code completed}, {@code failed} or {@code cancelled}
 * @param progressPercent frames in the MP4 over frames in the video, 0–100; 100 only once completed
 * @param frameCount      frames in the video: exact once decoded, the container's estimate before, -1 if unknown
 * @param frameCountExact whether {@code frameCount} is the decoder's exact count
 * @param framesDone      frames each stage has finished, by source name, in {@link #STAGES} order
 * @param startedAt       epoch milliseconds of the upload's acceptance, 0 if not seen
 * @param endedAt         epoch milliseconds of the task's end, 0 while it runs
 * @param error           why the task failed or was cancelled, null otherwise
 * @param warning         what the result does not show (input truncated), null when all is well
 * @param queuePosition   place in the queue of a queued task, 1 = the next to start; 0 when not queued
 * @param options         the task's options as canonical JSON, empty when it has none
 */
public record TaskSnapshot(String taskId, String fileName, String status, int progressPercent, long frameCount,
                           boolean frameCountExact, Map<String, Long> framesDone, long startedAt, long endedAt,
                           String error, String warning, int queuePosition, String options) {

    /** The stages that report progress, in the order frames pass through them. */
    public static final List<String> STAGES = StageId.inOrder().stream().map(StageId::id).toList();

    public TaskSnapshot {
        framesDone = Collections.unmodifiableMap(new LinkedHashMap<>(framesDone));
    }

    /** A task that is not waiting in the queue. */
    public TaskSnapshot(String taskId, String fileName, String status, int progressPercent, long frameCount,
                        boolean frameCountExact, Map<String, Long> framesDone, long startedAt, long endedAt,
                        String error) {
        this(taskId, fileName, status, progressPercent, frameCount, frameCountExact, framesDone, startedAt, endedAt,
                error, null, 0, "");
    }

    /** Completed, failed or cancelled: nothing more will happen to it. */
    public boolean isEnded() {
        return !"queued".equals(status) && !"running".equals(status);
    }
}
