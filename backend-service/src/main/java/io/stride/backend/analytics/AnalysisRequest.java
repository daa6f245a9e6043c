package io.stride.backend.analytics;

import java.util.List;

/** What to analyse a task's tracks for: lines to count crossings of and zones to watch, in the order given. */
public record AnalysisRequest(List<CountingLine> lines, List<Zone> zones) {

    public AnalysisRequest {
        lines = List.copyOf(lines);
        zones = List.copyOf(zones);
    }
}
