package io.stride.core.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows the visits of one zone, frame after frame. Each track's positions, in frame order, are inside or outside
 * (its anchor by the even-odd rule); a visit is a run of positions inside. A track lost while inside and found
 * inside again is still on the same visit: only a position outside ends one.
 */
public final class ZoneTracker {

    private static final double MICROS_PER_SECOND = 1_000_000.0;

    private final Zone zone;
    private final Map<Integer, Visit> openVisits = new HashMap<>();
    private long entries;
    private long exits;
    private int maxOccupancy;
    /** Tracks inside in the last frame observed. */
    private int occupancy;
    private long closedVisits;
    private long closedDwellMicros;
    private long maxClosedDwellMicros;

    public ZoneTracker(Zone zone) {
        this.zone = zone;
    }

    /** The entries and exits of this frame, in the order of the frame's tracks. */
    public List<AnalyticsEvent> observe(TrackedFrame frame) {
        List<AnalyticsEvent> events = new ArrayList<>();
        observeInto(frame, events);
        return events;
    }

    /** As {@link #observe}, each event with the zone's occupancy in this frame. */
    List<CountedEvent> observeCounted(TrackedFrame frame) {
        List<AnalyticsEvent> events = new ArrayList<>();
        observeInto(frame, events);
        return events.stream().map(event -> new CountedEvent(event, null, occupancy)).toList();
    }

    private void observeInto(TrackedFrame frame, List<AnalyticsEvent> events) {
        Set<Integer> inside = new HashSet<>();
        for (TrackPosition track : frame.tracks()) {
            int id = track.trackId();
            Visit visit = openVisits.get(id);
            if (zone.contains(track.anchor())) {
                inside.add(id);
                if (visit == null) {
                    openVisits.put(id, new Visit(frame.ptsUs()));
                    entries++;
                    events.add(AnalyticsEvent.zone(frame, track, zone.name(), AnalyticsEvent.ZONE_ENTERED));
                } else {
                    visit.lastInsideUs = frame.ptsUs();
                }
            } else if (visit != null) {
                openVisits.remove(id);
                close(visit);
                exits++;
                events.add(AnalyticsEvent.zone(frame, track, zone.name(), AnalyticsEvent.ZONE_EXITED));
            }
        }
        occupancy = inside.size();
        maxOccupancy = Math.max(maxOccupancy, occupancy);
    }

    /** The tracks inside in the last frame observed. */
    public int occupancy() {
        return occupancy;
    }

    /** The statistics so far; visits still open count until their track's last position inside. */
    public ZoneStats stats() {
        long visits = closedVisits + openVisits.size();
        long dwellMicros = closedDwellMicros;
        long maxDwellMicros = maxClosedDwellMicros;
        for (Visit visit : openVisits.values()) {
            dwellMicros += visit.dwellMicros();
            maxDwellMicros = Math.max(maxDwellMicros, visit.dwellMicros());
        }
        double mean = visits == 0 ? 0 : dwellMicros / (double) visits / MICROS_PER_SECOND;
        return new ZoneStats(zone.name(), entries, exits, maxOccupancy, mean, maxDwellMicros / MICROS_PER_SECOND);
    }

    /**
     * Drops what is remembered of a track: its open visit, if any, is closed as it stands, without an exit, so
     * the statistics (which count an open visit until its last position inside) do not change.
     */
    void forget(int trackId) {
        Visit visit = openVisits.remove(trackId);
        if (visit != null) {
            close(visit);
        }
    }

    AnalysisState.ZoneState state() {
        Map<Integer, AnalysisState.Visit> visits = new HashMap<>();
        openVisits.forEach((id, v) -> visits.put(id, new AnalysisState.Visit(v.enteredUs, v.lastInsideUs)));
        return new AnalysisState.ZoneState(zone.name(), entries, exits, maxOccupancy, occupancy, closedVisits,
                closedDwellMicros, maxClosedDwellMicros, visits);
    }

    /**
     * The tracker of {@code zone} as it was when {@code state} was taken.
     *
     * @throws IllegalArgumentException when the state is another zone's
     */
    static ZoneTracker restore(Zone zone, AnalysisState.ZoneState state) {
        if (!zone.name().equals(state.name())) {
            throw new IllegalArgumentException("the state of zone " + state.name() + " for zone " + zone.name());
        }
        ZoneTracker tracker = new ZoneTracker(zone);
        tracker.entries = state.entries();
        tracker.exits = state.exits();
        tracker.maxOccupancy = state.maxOccupancy();
        tracker.occupancy = state.occupancy();
        tracker.closedVisits = state.closedVisits();
        tracker.closedDwellMicros = state.closedDwellUs();
        tracker.maxClosedDwellMicros = state.maxClosedDwellUs();
        state.openVisits().forEach((id, v) -> {
            Visit visit = new Visit(v.enteredUs());
            visit.lastInsideUs = v.lastInsideUs();
            tracker.openVisits.put(id, visit);
        });
        return tracker;
    }

    private void close(Visit visit) {
        closedVisits++;
        closedDwellMicros += visit.dwellMicros();
        maxClosedDwellMicros = Math.max(maxClosedDwellMicros, visit.dwellMicros());
    }

    /** A run of positions inside: from its entry to its last position inside so far. */
    private static final class Visit {
        private final long enteredUs;
        private long lastInsideUs;

        Visit(long enteredUs) {
            this.enteredUs = enteredUs;
            this.lastInsideUs = enteredUs;
        }

        long dwellMicros() {
            return lastInsideUs - enteredUs;
        }
    }
}
