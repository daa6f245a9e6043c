package io.stride.backend.task;

import io.stride.core.task.TaskEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the backend knows of one task, folded from its events. */
final class TaskState {

    /** The stage whose progress is the task's progress: a frame counts once it is in the MP4. */
    static final String FINAL_STAGE = "annotation";

    enum Phase { QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED }

    private final String taskId;
    private final Map<String, Long> framesDoneBySource = new ConcurrentHashMap<>();
    private volatile Phase phase = Phase.QUEUED;
    private volatile String fileName = "";
    private volatile long expectedFrames = -1;
    private volatile long frameCount = -1;
    private volatile String error;
    private volatile long endedAt;

    TaskState(String taskId) {
        this.taskId = taskId;
    }

    /** Applies one event; applying the same event twice changes nothing, and nothing revives an ended task. */
    synchronized void apply(TaskEvent event) {
        if (isEnded()) {
            return;
        }
        switch (event.type()) {
            case STARTED -> {
                phase = Phase.RUNNING;
                fileName = event.message();
                expectedFrames = event.frameCount();
            }
            case DECODED -> frameCount = event.frameCount();
            case PROGRESS -> framesDoneBySource.merge(event.source(), event.framesDone(), Math::max);
            case COMPLETED -> {
                frameCount = event.frameCount();
                framesDoneBySource.put(FINAL_STAGE, event.frameCount());
                phase = Phase.COMPLETED;
                endedAt = event.timestamp();
            }
            case FAILED, CANCELLED -> {
                phase = event.type() == TaskEvent.Type.FAILED ? Phase.FAILED : Phase.CANCELLED;
                error = event.message();
                endedAt = event.timestamp();
            }
        }
    }

    TaskStatus status() {
        return new TaskStatus(taskId, phase.name().toLowerCase(), progressPercent() + "%",
                phase == Phase.FAILED ? error : null);
    }

    /** Frames annotated over frames in the video; 100 only once the MP4 is in place. */
    int progressPercent() {
        if (phase == Phase.COMPLETED) {
            return 100;
        }
        long total = frameCount > 0 ? frameCount : expectedFrames;
        long done = framesDoneBySource.getOrDefault(FINAL_STAGE, 0L);
        if (total <= 0) {
            return 0;
        }
        return (int) Math.min(99, done * 100 / total);
    }

    long framesDone(String source) {
        return framesDoneBySource.getOrDefault(source, 0L);
    }

    boolean isEnded() {
        return phase == Phase.COMPLETED || phase == Phase.FAILED || phase == Phase.CANCELLED;
    }

    Phase phase() {
        return phase;
    }

    long endedAt() {
        return endedAt;
    }

    String taskId() {
        return taskId;
    }

    String fileName() {
        return fileName;
    }
}
