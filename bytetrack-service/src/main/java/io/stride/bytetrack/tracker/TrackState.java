package io.stride.bytetrack.tracker;

/** Where a track is in its life. */
public enum TrackState {
    /** Matched in the latest frame. */
    TRACKED,
    /** Not matched lately; kept for the lost-track buffer so that it can be found again under its id. */
    LOST,
    /** Dropped for good. */
    REMOVED
}
