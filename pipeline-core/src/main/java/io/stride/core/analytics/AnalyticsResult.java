package io.stride.core.analytics;

import java.util.List;

/** The analytics JSON of an analysis: each line's counts and each zone's statistics, in the request's order. */
public record AnalyticsResult(List<LineCount> lines, List<ZoneStats> zones) {
}
