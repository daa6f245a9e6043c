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
        return observeCounted(frame).stream().map(CountedEvent::event).toList();
    }

    /** As {@link #observe}, each crossing with the line's totals once it is counted. */
    List<CountedEvent> observeCounted(TrackedFrame frame) {
        List<CountedEvent> crossings = new ArrayList<>();
        for (TrackPosition track : frame.tracks()) {
            String direction = crossing(track);
            if (direction != null) {
                crossings.add(new CountedEvent(AnalyticsEvent.lineCrossed(frame, track, line.name(), direction),
                        totals(), null));
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

    /** The crossings so far, in and out, without the per-class breakdown. */
    public LineCount.Crossings totals() {
        return new LineCount.Crossings(crossedIn, crossedOut);
    }

    /** Drops what is remembered of a track, which is only its last position off the line. */
    void forget(int trackId) {
        lastSided.remove(trackId);
    }

    AnalysisState.LineState state() {
        Map<Integer, AnalysisState.SidedPosition> positions = new HashMap<>();
        lastSided.forEach((id, p) -> positions.put(id, new AnalysisState.SidedPosition(p.point.x(), p.point.y(),
                p.side)));
        return new AnalysisState.LineState(line.name(), crossedIn, crossedOut, count().byClass(), positions);
    }

    /**
     * The counter of {@code line} as it was when {@code state} was taken.
     *
     * @throws IllegalArgumentException when the state is another line's
     */
    static LineCounter restore(CountingLine line, AnalysisState.LineState state) {
        if (!line.name().equals(state.name())) {
            throw new IllegalArgumentException("the state of line " + state.name() + " for line " + line.name());
        }
        LineCounter counter = new LineCounter(line);
        counter.crossedIn = state.crossedIn();
        counter.crossedOut = state.crossedOut();
        state.byClass().forEach((name, crossings) ->
                counter.byClass.put(name, new long[] {crossings.crossedIn(), crossings.crossedOut()}));
        state.lastSided().forEach((id, p) ->
                counter.lastSided.put(id, new SidedPosition(new Point(p.x(), p.y()), p.side())));
        return counter;
    }

    private record SidedPosition(Point point, int side) {
    }
}
