package io.stride.bytetrack.stage;

import io.stride.bytetrack.checkpoint.TrackerCheckpoints;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.StageOptions;
import io.stride.core.stage.StageProcessor;
import io.stride.core.stage.TaskReplay;
import io.stride.core.topic.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adds ByteTrack tracks to each frame. One tracker per task, created on the task's first record with the
 * record's frame rate; dropped when the task ends. End-of-stream records pass through untouched.
 *
 * <p>A task met mid-stream (first record at frame k > 0 after a restart or a rebalance, or a jump past frames
 * another instance tracked meanwhile) gets its tracker back from the task's latest checkpoint and the input after
 * it ({@link TrackerRecovery}), so its tracks are the ones an uninterrupted run gives however long the task has run:
 * the input topic's first frames may be gone by then.
 */
public final class ByteTrackProcessor implements StageProcessor {

    private final TaskTrackingFactory trackings;
    private final Optional<TrackerRecovery> recovery;
    /** Different tasks may be on different consumer threads; one task is only ever on one at a time. */
    private final Map<String, TaskTracking> tasks = new ConcurrentHashMap<>();

    /**
     * A processor that checkpoints its trackers and brings back the tracker of a task met mid-stream from the
     * task's latest checkpoint and the {@code input} stage's topic.
     */
    public ByteTrackProcessor(ByteTrackProperties properties, TaskReplay replay, Stage input,
                              TrackerCheckpoints checkpoints) {
        this(properties, Optional.of(new TrackerRecovery(replay, input, checkpoints,
                properties.checkpointInterval())));
    }

    /**
     * A processor without access to the broker, for in-process use where every task starts at frame 0 (the
     * benchmark's baseline): a task met mid-stream starts with a fresh tracker.
     */
    public ByteTrackProcessor(ByteTrackProperties properties) {
        this(properties, Optional.empty());
    }

    private ByteTrackProcessor(ByteTrackProperties properties, Optional<TrackerRecovery> recovery) {
        this.trackings = new TaskTrackingFactory(properties);
        this.recovery = recovery;
    }

    @Override
    public List<FrameRecord> process(List<FrameRecord> records) {
        List<FrameRecord> out = new ArrayList<>(records.size());
        for (FrameRecord record : records) {
            if (record.isEndOfStream()) {
                out.add(record);
                continue;
            }
            out.add(track(record));
        }
        return out;
    }

    private FrameRecord track(FrameRecord record) {
        TaskTracking task = trackingFor(record);
        boolean advances = record.frameIndex() > task.lastFrameIndex();
        FrameRecord tracked = task.track(record);
        if (advances) {
            recovery.ifPresent(it -> it.advanced(record.taskId(), task));
        }
        return tracked;
    }

    /** The tracker works on boxes alone: frame images are never fetched for it. */
    @Override
    public boolean needsImages(StageOptions options) {
        return false;
    }

    @Override
    public void taskEnded(String taskId) {
        tasks.remove(taskId);
        recovery.ifPresent(it -> it.taskEnded(taskId));
    }

    /** Tasks with a tracker in memory. */
    public int activeTasks() {
        return tasks.size();
    }

    /*
     * Not computeIfAbsent: a rebuild reads the topic back for seconds, and the map would block other tasks' threads
     * meanwhile. Safe because a task is only ever on one thread at a time.
     */
    private TaskTracking trackingFor(FrameRecord record) {
        TaskTracking task = tasks.get(record.taskId());
        if (task == null || task.missedFramesBefore(record.frameIndex())) {
            task = start(record);
            tasks.put(record.taskId(), task);
        }
        return task;
    }

    private TaskTracking start(FrameRecord first) {
        if (first.frameIndex() == 0 || recovery.isEmpty()) {
            return trackings.fresh(first);
        }
        return recovery.get().caughtUp(first, trackings);
    }
}
