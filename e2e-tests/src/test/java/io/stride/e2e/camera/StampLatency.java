package io.stride.e2e.camera;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Source-to-stream latency from frame stamps: for each stamped picture a player decoded, the wall time since the
 * same stamp was decoded at the source. A looped source shows a stamp again one period later, so a player's
 * sighting is paired with the latest source sighting of its stamp that came before it: right as long as the
 * latency is shorter than the period.
 */
public final class StampLatency {

    private StampLatency() {
    }

    /**
     * The latencies of the player's stamped sightings, in their order; a sighting whose stamp the source was not
     * seen with before it is left out (counted in {@link Summary#unmatched}).
     */
    public static Summary of(List<Sighting> source, List<Sighting> player) {
        Map<Integer, List<Long>> seenAt = new HashMap<>();
        for (Sighting sighting : source) {
            if (sighting.stamped()) {
                seenAt.computeIfAbsent(sighting.stamp(), stamp -> new ArrayList<>()).add(sighting.wallNanos());
            }
        }
        List<Long> latencies = new ArrayList<>();
        int unmatched = 0;
        for (Sighting sighting : player) {
            if (!sighting.stamped()) {
                continue;
            }
            long departure = latestAtOrBefore(seenAt.getOrDefault(sighting.stamp(), List.of()), sighting.wallNanos());
            if (departure == Long.MIN_VALUE) {
                unmatched++;
            } else {
                latencies.add(sighting.wallNanos() - departure);
            }
        }
        return new Summary(latencies, unmatched);
    }

    private static long latestAtOrBefore(List<Long> times, long limit) {
        long latest = Long.MIN_VALUE;
        for (long time : times) {
            if (time <= limit && time > latest) {
                latest = time;
            }
        }
        return latest;
    }

    /**
     * @param latenciesNanos the paired sightings' latencies
     * @param unmatched      stamped player sightings with no earlier source sighting of their stamp
     */
    public record Summary(List<Long> latenciesNanos, int unmatched) {

        public Summary {
            latenciesNanos = List.copyOf(latenciesNanos);
        }

        /** The median latency in seconds (the lower middle one of an even count); NaN when there is none. */
        public double medianSeconds() {
            if (latenciesNanos.isEmpty()) {
                return Double.NaN;
            }
            List<Long> sorted = latenciesNanos.stream().sorted().toList();
            return sorted.get((sorted.size() - 1) / 2) / 1e9;
        }

        /** The largest latency in seconds; NaN when there is none. */
        public double maxSeconds() {
            return latenciesNanos.stream().mapToLong(Long::longValue).max().stream()
                    .mapToDouble(nanos -> nanos / 1e9).findFirst().orElse(Double.NaN);
        }
    }
}
