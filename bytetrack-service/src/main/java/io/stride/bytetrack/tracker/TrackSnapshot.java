package io.stride.bytetrack.tracker;

/**
 * One track of a {@link TrackerSnapshot}: all a {@code Track} holds.
 *
 * @param id         the track's id
 * @param startFrame tracker frame (1-based) it was born in
 * @param lastFrame  tracker frame it was last matched in
 * @param state      {@link TrackState#TRACKED} or {@link TrackState#LOST}: a tracker holds no removed tracks
 * @param confirmed  matched in a second frame, or born in the tracker's first frame
 * @param score      score of the detection it was last matched with
 * @param classId    class of that detection
 * @param kalman     the box state, as of the frame the snapshot was taken after
 */
public record TrackSnapshot(
        int id,
        int startFrame,
        int lastFrame,
        TrackState state,
        boolean confirmed,
        double score,
        int classId,
        KalmanState kalman) {
}
