package io.stride.bytetrack.tracker;

import java.util.List;

/**
 * A {@link ByteTracker}'s state between two frames, from {@link ByteTracker#snapshot()}: what a tracker restored
 * from it ({@link ByteTracker#restore}) needs to go on exactly as the original. List order matters: association
 * and duplicate removal go through the tracks in this order.
 *
 * @param frame         frames the tracker has advanced on
 * @param lastId        the highest id given out so far; the next track gets the one after
 * @param maxFramesLost frames a lost track is kept, from the video's frame rate
 * @param tracked       tracks followed in the latest frame, unconfirmed ones included, in the tracker's order
 * @param lost          tracks lost but kept for the buffer, in the tracker's order
 */
public record TrackerSnapshot(
        int frame,
        int lastId,
        int maxFramesLost,
        List<TrackSnapshot> tracked,
        List<TrackSnapshot> lost) {

    public TrackerSnapshot {
        tracked = List.copyOf(tracked);
        lost = List.copyOf(lost);
    }
}
