package io.stride.core.analytics;

import java.util.List;

/** Frames of hand-placed anchors for the rules' tests: 10 fps, so frame n is at n × 100 ms. */
final class Frames {

    static final int PERSON = 0;
    static final int CAR = 2;

    private Frames() {
    }

    static TrackedFrame frame(long index, TrackPosition... tracks) {
        return new TrackedFrame(index, index * 100_000, List.of(tracks));
    }

    /** A person whose anchor (bottom centre of its box) is at (x, y). */
    static TrackPosition person(int trackId, double x, double y) {
        return at(trackId, PERSON, x, y);
    }

    static TrackPosition at(int trackId, int classId, double x, double y) {
        return new TrackPosition(trackId, classId, new Point(x, y));
    }
}
