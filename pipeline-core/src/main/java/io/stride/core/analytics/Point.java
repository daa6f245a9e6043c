package io.stride.core.analytics;

/** A point in pixels of the upright frame (x to the right, y down, as the boxes of the JSON Lines). */
public record Point(double x, double y) {

    public Point minus(Point other) {
        return new Point(x - other.x, y - other.y);
    }

    /** {@code u.x·v.y − u.y·v.x}, computed in exactly this order so that anyone recomputing gets the same doubles. */
    public static double cross(Point u, Point v) {
        return u.x * v.y - u.y * v.x;
    }

    @Override
    public String toString() {
        return "(" + x + ", " + y + ")";
    }
}
