package io.stride.e2e.soak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Source-to-stream latency from frame stamps. The source is a file of {@code loopFrames} stamped frames published
 * looped in real time from {@code t0}, so stamp {@code k} leaves the publisher at {@code t0 + (n * loopFrames + k) /
 * fps} for some pass {@code n}; a player that sees it at {@code t} measures {@code t - t0 - k / fps} modulo one
 * pass. Latencies of a pass's length or more cannot be told from shorter ones, so a pass must be much longer than
 * any lag worth measuring.
 *
 * @param fps        the source's frame rate
 * @param loopFrames frames of one pass of the file
 */
record StampLatency(double fps, int loopFrames) {

    /** Seconds from the stamped frame leaving the publisher to {@code secondsSinceStart} (seconds after t0). */
    double latency(double secondsSinceStart, int stamp) {
        double pass = loopFrames / fps;
        double latency = (secondsSinceStart - stamp / fps) % pass;
        return latency < 0 ? latency + pass : latency;
    }

    /**
     * Median, 95th percentile and maximum of some latencies (nearest rank).
     *
     * @param count how many there were
     */
    record Summary(int count, double median, double p95, double max) {

        static Summary of(List<Double> latencies) {
            if (latencies.isEmpty()) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
            }
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return new Summary(sorted.size(), rank(sorted, 0.5), rank(sorted, 0.95), sorted.get(sorted.size() - 1));
        }

        private static double rank(List<Double> sorted, double quantile) {
            int rank = (int) Math.ceil(quantile * sorted.size());
            return sorted.get(Math.max(rank, 1) - 1);
        }
    }
}
