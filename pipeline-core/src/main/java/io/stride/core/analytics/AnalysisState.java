package io.stride.core.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything an {@link Analysis} remembers after a frame, so that one restored from it and fed the following
 * frames gives the same events and analytics as one fed every frame ({@link Analysis#restore}). Plain values
 * only: it is written as JSON beside a task's durable point ({@link AnalyticsJson#state}), and doubles survive
 * that exactly.
 *
 * @param lastFrame  the last frame accepted, −1 for none
 * @param lastSeenUs per track id: the presentation time of the last frame it appeared in, while it is remembered
 * @param lines      each line's state, in the request's order
 * @param zones      each zone's state, in the request's order
 */
public record AnalysisState(
        @JsonProperty("last_frame") long lastFrame,
        @JsonProperty("last_seen_us") Map<Integer, Long> lastSeenUs,
        List<LineState> lines,
        List<ZoneState> zones) {

    public AnalysisState {
        lastSeenUs = new TreeMap<>(lastSeenUs);
        lines = List.copyOf(lines);
        zones = List.copyOf(zones);
    }

    /**
     * One line's counts and, per track, its last position off the line.
     *
     * @param byClass per class name: crossings in and out
     */
    public record LineState(
            String name,
            @JsonProperty("in") long crossedIn,
            @JsonProperty("out") long crossedOut,
            @JsonProperty("by_class") Map<String, LineCount.Crossings> byClass,
            @JsonProperty("last_sided") Map<Integer, SidedPosition> lastSided) {

        public LineState {
            byClass = new TreeMap<>(byClass);
            lastSided = new TreeMap<>(lastSided);
        }
    }

    /** A track's last anchor with a side other than 0, and that side (+1 or −1). */
    public record SidedPosition(double x, double y, int side) {
    }

    /**
     * One zone's counts, its closed visits' dwell sums and the visits still open, per track.
     *
     * @param closedDwellUs    the dwell of every closed visit, summed
     * @param maxClosedDwellUs the longest closed visit
     */
    public record ZoneState(
            String name,
            long entries,
            long exits,
            @JsonProperty("max_occupancy") int maxOccupancy,
            @JsonProperty("occupancy") int occupancy,
            @JsonProperty("closed_visits") long closedVisits,
            @JsonProperty("closed_dwell_us") long closedDwellUs,
            @JsonProperty("max_closed_dwell_us") long maxClosedDwellUs,
            @JsonProperty("open_visits") Map<Integer, Visit> openVisits) {

        public ZoneState {
            openVisits = new TreeMap<>(openVisits);
        }
    }

    /** A visit still open: when its track entered, and its last position inside so far. */
    public record Visit(@JsonProperty("entered_us") long enteredUs, @JsonProperty("last_inside_us") long lastInsideUs) {
    }
}
