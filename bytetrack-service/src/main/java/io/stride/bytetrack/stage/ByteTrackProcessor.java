package io.stride.bytetrack.stage;

import io.stride.bytetrack.tracker.ByteTracker;
import io.stride.bytetrack.tracker.TrackerSettings;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.stage.StageProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Adds ByteTrack tracks to each frame. One tracker per task, created on the task's first record with the
 * record's frame rate; dropped when the task ends. End-of-stream records pass through untouched.
 */
public final class ByteTrackProcessor implements StageProcessor {

    private final TrackerSettings settings;
    private final Predicate<Detection> trackedClass;
    private final double fallbackFps;
    private final int replayFrames;
    /** Different tasks may be on different consumer threads; one task is only ever on one at a time. */
    private final Map<String, TaskTracking> tasks = new ConcurrentHashMap<>();

    public ByteTrackProcessor(ByteTrackProperties properties) {
        this.settings = properties.trackerSettings();
        Set<Integer> classes = Set.copyOf(properties.classes());
        this.trackedClass = detection -> classes.contains(detection.classId());
        this.fallbackFps = properties.fallbackFps();
        this.replayFrames = properties.replayFrames();
    }

    @Override
    public List<FrameRecord> process(List<FrameRecord> records) {
        List<FrameRecord> out = new ArrayList<>(records.size());
        for (FrameRecord record : records) {
            if (record.isEndOfStream()) {
                out.add(record);
                continue;
            }
            TaskTracking task = tasks.computeIfAbsent(record.taskId(), id -> newTask(record));
            out.add(task.track(record));
        }
        return out;
    }

    @Override
    public void taskEnded(String taskId) {
        tasks.remove(taskId);
    }

    /** Tasks with a tracker in memory. */
    public int activeTasks() {
        return tasks.size();
    }

    private TaskTracking newTask(FrameRecord first) {
        double fps = first.fps() > 0 && Double.isFinite(first.fps()) ? first.fps() : fallbackFps;
        return new TaskTracking(new ByteTracker(settings, fps), trackedClass, replayFrames);
    }
}
