package io.stride.bytetrack.stage;

import io.stride.bytetrack.checkpoint.TrackerCheckpoint;
import io.stride.bytetrack.tracker.ByteTracker;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.TrackedObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The tracking state of one task: its tracker, the last frame it advanced on, and the tracks of the latest frames
 * so that a redelivered frame leaves with the same tracks as the first time. Used by one thread at a time.
 */
final class TaskTracking {

    private static final double MICROS_PER_SECOND = 1_000_000.0;

    private final ByteTracker tracker;
    private final Predicate<Detection> tracked;
    private final Map<Long, List<TrackedObject>> recent;
    private long lastFrameIndex = -1;

    TaskTracking(ByteTracker tracker, Predicate<Detection> tracked, int replayFrames) {
        this.tracker = tracker;
        this.tracked = tracked;
        this.recent = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, List<TrackedObject>> eldest) {
                return size() > replayFrames;
            }
        };
    }

    /** The state after {@code checkpoint}'s frame, as the tracking it was taken from had it. */
    TaskTracking(TrackerCheckpoint checkpoint, ByteTracker tracker, Predicate<Detection> tracked, int replayFrames) {
        this(tracker, tracked, replayFrames);
        recent.putAll(checkpoint.recentTracks());
        lastFrameIndex = checkpoint.frameIndex();
    }

    /** The state after the last frame this tracking advanced on; only once it has advanced on one. */
    TrackerCheckpoint checkpoint() {
        if (lastFrameIndex < 0) {
            throw new IllegalStateException("no frame tracked yet");
        }
        return new TrackerCheckpoint(lastFrameIndex, tracker.snapshot(), recent);
    }

    /** The last frame the tracker advanced on; -1 before the first. */
    long lastFrameIndex() {
        return lastFrameIndex;
    }

    /**
     * Whether frames between the last one this tracker advanced on and {@code frameIndex} went past it: tracked
     * by another instance while a rebalance had moved the task away, or by the instance before a restart. Frame
     * indices of a task are consecutive, so a jump can mean nothing else.
     */
    boolean missedFramesBefore(long frameIndex) {
        return frameIndex > lastFrameIndex + 1;
    }

    /**
     * The record with this frame's tracks. A frame at or before the last one seen is a redelivery: the tracker
     * must not advance twice on it, so it gets the tracks it had (or none, when they are no longer remembered).
     */
    FrameRecord track(FrameRecord record) {
        if (record.frameIndex() <= lastFrameIndex) {
            List<TrackedObject> earlier = recent.get(record.frameIndex());
            return earlier == null ? record : record.withTracks(earlier);
        }
        List<Detection> input = record.detections().stream().filter(tracked).toList();
        List<TrackedObject> tracks = record.options().live()
                ? tracker.updateAt(frameNumberAt(record), input)
                : tracker.update(input);
        lastFrameIndex = record.frameIndex();
        recent.put(record.frameIndex(), tracks);
        return record.withTracks(tracks);
    }

    /**
     * A live frame's number at the nominal frame rate by its presentation time, so that the lost-track buffer runs
     * in real time when the source's frames were dropped or came late; always after the tracker's last frame.
     */
    private int frameNumberAt(FrameRecord record) {
        long byTime = 1 + Math.round(record.ptsMicros() * record.fps() / MICROS_PER_SECOND);
        return (int) Math.max(tracker.frameNumber() + 1L, Math.min(byTime, Integer.MAX_VALUE));
    }
}
