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
    private long closedVisits;
    private long closedDwellMicros;
    private long maxClosedDwellMicros;

    public ZoneTracker(Zone zone) {
        this.zone = zone;
    }

    /** The entries and exits of this frame, in the order of the frame's tracks. */
    public List<AnalyticsEvent> observe(TrackedFrame frame) {
        List<AnalyticsEvent> events = new ArrayList<>();
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
        maxOccupancy = Math.max(maxOccupancy, inside.size());
        return events;
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
