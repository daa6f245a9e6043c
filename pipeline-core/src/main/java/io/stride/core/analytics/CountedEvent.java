package io.stride.core.analytics;

/**
 * An event with the running totals a live consumer shows beside it: for a line crossing, the line's crossings
 * once this one is counted; for a zone entry or exit, the zone's occupancy in the event's frame.
 *
 * @param lineTotals the line's {@code in} and {@code out} after this crossing; null for a zone event
 * @param occupancy  the tracks inside the zone in this frame; null for a line event
 */
public record CountedEvent(AnalyticsEvent event, LineCount.Crossings lineTotals, Integer occupancy) {
}
