package io.stride.core.analytics;

/** A line segment whose crossings are counted, from {@code from} (a) to {@code to} (b). */
public record CountingLine(String name, Point from, Point to) {

    /** {@code sign(cross(b−a, p−a))}: +1 on one side, −1 on the other, 0 on the line or its extension. */
    public int side(Point p) {
        return (int) Math.signum(Point.cross(to.minus(from), p.minus(from)));
    }

    /**
     * Whether the segment {@code p→q} meets the segment {@code a→b}, given that p and q lie strictly on opposite
     * sides of the line through a and b: then it does unless a and b lie strictly on the same side of the line
     * through p and q. An end of the line touched by {@code p→q} counts as met.
     */
    public boolean meets(Point p, Point q) {
        Point direction = q.minus(p);
        double sideOfA = Point.cross(direction, from.minus(p));
        double sideOfB = Point.cross(direction, to.minus(p));
        return !(sideOfA > 0 && sideOfB > 0) && !(sideOfA < 0 && sideOfB < 0);
    }
}
