package io.stride.core.analytics;

import java.util.List;

/** What to analyse a task's tracks for: lines to count crossings of and zones to watch, in the order given. */
public record AnalysisRequest(List<CountingLine> lines, List<Zone> zones) {

    /** Nothing to count. */
    public static final AnalysisRequest NONE = new AnalysisRequest(List.of(), List.of());

    public AnalysisRequest {
        lines = List.copyOf(lines);
        zones = List.copyOf(zones);
    }

    /** Whether there is a line or a zone to count. */
    public boolean isEmpty() {
        return lines.isEmpty() && zones.isEmpty();
    }
}
