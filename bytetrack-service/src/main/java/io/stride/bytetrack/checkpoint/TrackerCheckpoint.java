package io.stride.bytetrack.checkpoint;

import io.stride.bytetrack.tracker.TrackerSnapshot;
import io.stride.core.frame.TrackedObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracking state of one task after a frame: what a restarted stage needs to go on from there instead of from
 * frame 0, whose record the input topic's retention may have removed.
 *
 * @param frameIndex   the task's frame the state was taken after
 * @param tracker      the tracker's state
 * @param recentTracks the tracks of the latest frames, oldest first (at most {@code stride.bytetrack.replay-frames}
 *                     of them, the last one {@code frameIndex}'s): a frame redelivered after a resume leaves with the
 *                     tracks it had, as it would without the restart
 */
public record TrackerCheckpoint(long frameIndex, TrackerSnapshot tracker, Map<Long, List<TrackedObject>> recentTracks) {

    public TrackerCheckpoint {
        Map<Long, List<TrackedObject>> copy = new LinkedHashMap<>();
        recentTracks.forEach((frame, tracks) -> copy.put(frame, List.copyOf(tracks)));
        recentTracks = Collections.unmodifiableMap(copy);
    }

    /**
     * Whether a stage that meets the task at {@code frame} (its first record after a restart) can go on from
     * this state and forward what an uninterrupted run forwards. A state from before that frame can: the frames in
     * between are replayed into it. A state from that frame or after it can only when it remembers the tracks of
     * every frame from there on, since those frames come again and must leave with the tracks they had.
     */
    public boolean resumableAt(long frame) {
        return this.frameIndex < frame || recentTracks.containsKey(frame);
    }
}
