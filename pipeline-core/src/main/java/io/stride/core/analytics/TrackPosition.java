package io.stride.core.analytics;

import io.stride.core.frame.CocoClasses;

/**
 * Where one track is in one frame: its anchor, the bottom centre of its box {@code ((x1+x2)/2, y2)}, the point
 * where a walking person or a driving car touches the ground, which is what lines and zones drawn on the floor mean.
 */
public record TrackPosition(int trackId, int classId, Point anchor) {

    public static TrackPosition ofBox(int trackId, int classId, double x1, double y1, double x2, double y2) {
        return new TrackPosition(trackId, classId, new Point((x1 + x2) / 2, y2));
    }

    public String className() {
        return CocoClasses.name(classId);
    }
}
