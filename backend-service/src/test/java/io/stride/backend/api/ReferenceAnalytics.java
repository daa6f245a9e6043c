package io.stride.backend.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The counting rules of docs/analytics.md written again, the plain way and independently of the backend's classes:
 * all positions in memory, grouped by track, one rule at a time. Zones use the crossing-number test with the
 * intersection compared by cross-multiplication instead of PNPOLY's division. Only for the tests, as the yardstick
 * the service is measured against.
 */
final class ReferenceAnalytics {

    /** One row of the exported tracks, anchor already taken. */
    record Row(long frame, long ptsUs, int trackId, String className, double x, double y) {
    }

    record Line(String name, double ax, double ay, double bx, double by) {
    }

    record Zone(String name, double[][] vertices) {
    }

    record LineResult(long in, long out, Map<String, long[]> byClass) {
    }

    record ZoneResult(long entries, long exits, int maxOccupancy, double meanDwellSeconds, double maxDwellSeconds) {
    }

    private ReferenceAnalytics() {
    }

    /** Events as "frame type name track class direction" strings, sorted, for comparison as a multiset. */
    static List<String> events(List<Row> rows, List<Line> lines, List<Zone> zones) {
        List<String> events = new ArrayList<>();
        for (Line line : lines) {
            for (List<Row> track : byTrack(rows).values()) {
                Row previous = null;
                for (Row row : track) {
                    int side = side(line, row);
                    if (side == 0) {
                        continue;
                    }
                    if (previous != null && side(line, previous) != side && meets(line, previous, row)) {
                        events.add(event(row, "line_crossed", line.name(), side > 0 ? "in" : "out"));
                    }
                    previous = row;
                }
            }
        }
        for (Zone zone : zones) {
            for (List<Row> track : byTrack(rows).values()) {
                boolean wasInside = false;
                for (Row row : track) {
                    boolean inside = inside(zone, row.x(), row.y());
                    if (inside && !wasInside) {
                        events.add(event(row, "zone_entered", zone.name(), null));
                    } else if (!inside && wasInside) {
                        events.add(event(row, "zone_exited", zone.name(), null));
                    }
                    wasInside = inside;
                }
            }
        }
        events.sort(null);
        return events;
    }

    static LineResult count(List<Row> rows, Line line) {
        long in = 0;
        long out = 0;
        Map<String, long[]> byClass = new TreeMap<>();
        for (String event : events(rows, List.of(line), List.of())) {
            String[] fields = event.split(" ");
            boolean isIn = fields[5].equals("in");
            in += isIn ? 1 : 0;
            out += isIn ? 0 : 1;
            byClass.computeIfAbsent(fields[4].replace('_', ' '), name -> new long[2])[isIn ? 0 : 1]++;
        }
        return new LineResult(in, out, byClass);
    }

    static ZoneResult visits(List<Row> rows, Zone zone) {
        long entries = 0;
        long exits = 0;
        List<Long> dwells = new ArrayList<>();
        for (List<Row> track : byTrack(rows).values()) {
            Long entered = null;
            long lastInside = 0;
            for (Row row : track) {
                boolean inside = inside(zone, row.x(), row.y());
                if (inside) {
                    if (entered == null) {
                        entered = row.ptsUs();
                        entries++;
                    }
                    lastInside = row.ptsUs();
                } else if (entered != null) {
                    dwells.add(lastInside - entered);
                    entered = null;
                    exits++;
                }
            }
            if (entered != null) {
                dwells.add(lastInside - entered);
            }
        }
        Map<Long, Set<Integer>> insideByFrame = new HashMap<>();
        for (Row row : rows) {
            if (inside(zone, row.x(), row.y())) {
                insideByFrame.computeIfAbsent(row.frame(), frame -> new TreeSet<>()).add(row.trackId());
            }
        }
        int maxOccupancy = insideByFrame.values().stream().mapToInt(Set::size).max().orElse(0);
        long total = dwells.stream().mapToLong(Long::longValue).sum();
        long longest = dwells.stream().mapToLong(Long::longValue).max().orElse(0);
        return new ZoneResult(entries, exits, maxOccupancy,
                dwells.isEmpty() ? 0 : total / (double) dwells.size() / 1e6, longest / 1e6);
    }

    private static Map<Integer, List<Row>> byTrack(List<Row> rows) {
        Map<Integer, List<Row>> tracks = new LinkedHashMap<>();
        rows.stream().sorted((r, s) -> Long.compare(r.frame(), s.frame()))
                .forEach(row -> tracks.computeIfAbsent(row.trackId(), id -> new ArrayList<>()).add(row));
        return tracks;
    }

    private static int side(Line line, Row p) {
        double cross = (line.bx() - line.ax()) * (p.y() - line.ay()) - (line.by() - line.ay()) * (p.x() - line.ax());
        return cross > 0 ? 1 : cross < 0 ? -1 : 0;
    }

    /** Whether a and b are not both strictly on one side of the line through p and q. */
    private static boolean meets(Line line, Row p, Row q) {
        double dx = q.x() - p.x();
        double dy = q.y() - p.y();
        double a = dx * (line.ay() - p.y()) - dy * (line.ax() - p.x());
        double b = dx * (line.by() - p.y()) - dy * (line.bx() - p.x());
        return a * b <= 0;
    }

    /** Crossing number: edges spanning y (half-open) whose crossing with the horizontal lies right of x. */
    static boolean inside(Zone zone, double x, double y) {
        int crossings = 0;
        double[][] v = zone.vertices();
        for (int i = 0; i < v.length; i++) {
            double[] start = v[i];
            double[] end = v[(i + 1) % v.length];
            boolean spans = (start[1] <= y && y < end[1]) || (end[1] <= y && y < start[1]);
            if (!spans) {
                continue;
            }
            // x < start.x + (end.x − start.x)(y − start.y)/(end.y − start.y), multiplied out by the denominator.
            double dy = end[1] - start[1];
            double lhs = (x - start[0]) * dy;
            double rhs = (end[0] - start[0]) * (y - start[1]);
            if (dy > 0 ? lhs < rhs : lhs > rhs) {
                crossings++;
            }
        }
        return crossings % 2 == 1;
    }

    private static String event(Row row, String type, String name, String direction) {
        return row.frame() + " " + type + " " + name + " " + row.trackId() + " " + row.className().replace(' ', '_')
                + " " + (direction == null ? "-" : direction);
    }
}
