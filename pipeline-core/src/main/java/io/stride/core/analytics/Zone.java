package io.stride.core.analytics;

import java.util.List;

/** A polygon whose visitors are counted; its vertices in order, the last joined back to the first. */
public record Zone(String name, List<Point> polygon) {

    public Zone {
        polygon = List.copyOf(polygon);
    }

    /**
     * The even-odd rule as W. R. Franklin's PNPOLY computes it: a ray from p towards +x crosses the edges an odd
     * number of times. Points on an edge fall on one side or the other the way PNPOLY decides; what matters is that
     * every recomputation with the same formula decides the same way.
     */
    public boolean contains(Point p) {
        boolean inside = false;
        for (int i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
            Point vi = polygon.get(i);
            Point vj = polygon.get(j);
            if ((vi.y() > p.y()) != (vj.y() > p.y())
                    && p.x() < (vj.x() - vi.x()) * (p.y() - vi.y()) / (vj.y() - vi.y()) + vi.x()) {
                inside = !inside;
            }
        }
        return inside;
    }
}
