package io.stride.backend.task;

import io.stride.core.task.TaskEvent;
import java.util.Map;

/**
 * What the backend keeps of one task across restarts, in the task store ({@link TaskStore}): everything but the
 * progress of a running task, which the events after {@code eventsOffset} bring back.
 *
 * @param taskId         the task
 * @param phase          queued, running, completed, failed or cancelled
 * @param fileName       the uploaded file's name
 * @param expectedFrames the container's frame estimate, -1 if unknown
 * @param frameCount     the exact frame count once decoded, else -1
 * @param error          why the task failed or was cancelled, or null
 * @param warning        what the result does not show (a truncated input), or null
 * @param startedAt      epoch milliseconds of the upload's acceptance
 * @param endedAt        epoch milliseconds of the end, 0 while the task runs
 * @param queueOrder     the task's place in the FIFO queue, 0 if it never queued
 * @param framesDone     frames each source had finished when the record was written
 * @param endingEvent    the event that ended the task, or null: tells a replay of it from a later deletion
 * @param eventsOffset   the offset on the events topic after the last event this record accounts for
 * @param options        the task's options as canonical JSON, empty when it has none (and in records written before
 *                       tasks had options)
 * @param source         where a camera task reads its video; null for an upload's task
 */
public record TaskRecord(String taskId, String phase, String fileName, long expectedFrames, long frameCount,
                         String error, String warning, long startedAt, long endedAt, long queueOrder,
                         Map<String, Long> framesDone, TaskEvent endingEvent, long eventsOffset, String options,
                         CameraSource source) {

    public TaskRecord {
        framesDone = Map.copyOf(framesDone);
        options = options == null ? "" : options;
    }

    boolean isEnded() {
        return !phase.equals("queued") && !phase.equals("running");
    }
}
