package io.stride.bytetrack.stage;

import io.stride.bytetrack.checkpoint.TrackerCheckpoint;
import io.stride.bytetrack.tracker.ByteTracker;
import io.stride.bytetrack.tracker.TrackerSettings;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import java.util.Set;
import java.util.function.Predicate;

/** Makes the {@link TaskTracking} of a task with this stage's settings: new, or as a checkpoint left it. */
final class TaskTrackingFactory {

    private final TrackerSettings settings;
    private final Predicate<Detection> tracked;
    private final double fallbackFps;
    private final int replayFrames;

    TaskTrackingFactory(ByteTrackProperties properties) {
        this.settings = properties.trackerSettings();
        Set<Integer> classes = Set.copyOf(properties.classes());
        this.tracked = detection -> classes.contains(detection.classId());
        this.fallbackFps = properties.fallbackFps();
        this.replayFrames = properties.replayFrames();
    }

    /** Every record of a task carries the video's frame rate, so any of them sets the tracker up like frame 0. */
    TaskTracking fresh(FrameRecord first) {
        double fps = first.fps() > 0 && Double.isFinite(first.fps()) ? first.fps() : fallbackFps;
        return new TaskTracking(new ByteTracker(settings, fps), tracked, replayFrames);
    }

    TaskTracking restored(TrackerCheckpoint checkpoint) {
        return new TaskTracking(checkpoint, ByteTracker.restore(settings, checkpoint.tracker()), tracked,
                replayFrames);
    }
}
