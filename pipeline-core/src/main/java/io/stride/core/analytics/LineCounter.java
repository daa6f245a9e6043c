package io.stride.core.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the crossings of one line, frame after frame. For each track only its last position off the line matters:
 * positions on the line or its extension ({@code side = 0}) are skipped, so a track that steps onto the line and
 * back is not counted, and one that steps onto it and on across is counted once. A track lost for a while and
 * found again is compared with where it was last seen, so a crossing while it was lost still counts.
 */
public final class LineCounter {

    private final CountingLine line;
    /** Per track id: its last position with a side other than 0. */
    private final Map<Integer, SidedPosition> lastSided = new HashMap<>();
    private final Map<String, long[]> byClass = new TreeMap<>();
    private long crossedIn;
    private long crossedOut;

    public LineCounter(CountingLine line) {
        this.line = line;
    }

    /** The crossings completed in this frame, in the order of the frame's tracks. */
    public List<AnalyticsEvent> observe(TrackedFrame frame) {
        List<AnalyticsEvent> crossings = new ArrayList<>();
        for (TrackPosition track : frame.tracks()) {
            String direction = crossing(track);
            if (direction != null) {
                crossings.add(AnalyticsEvent.lineCrossed(frame, track, line.name(), direction));
            }
        }
        return crossings;
    }

    /** {@code in}, {@code out}, or null when this position completes no crossing. */
    private String crossing(TrackPosition track) {
        Point q = track.anchor();
        int side = line.side(q);
        if (side == 0) {
            return null;
        }
        SidedPosition previous = lastSided.put(track.trackId(), new SidedPosition(q, side));
        if (previous == null || previous.side == side || !line.meets(previous.point, q)) {
            return null;
        }
        long[] ofClass = byClass.computeIfAbsent(track.className(), name -> new long[2]);
        if (side > 0) {
            crossedIn++;
            ofClass[0]++;
            return AnalyticsEvent.IN;
        }
        crossedOut++;
        ofClass[1]++;
        return AnalyticsEvent.OUT;
    }

    public LineCount count() {
        Map<String, LineCount.Crossings> classes = new TreeMap<>();
        byClass.forEach((name, counts) -> classes.put(name, new LineCount.Crossings(counts[0], counts[1])));
        return new LineCount(line.name(), crossedIn, crossedOut, classes);
    }

    private record SidedPosition(Point point, int side) {
    }
}
