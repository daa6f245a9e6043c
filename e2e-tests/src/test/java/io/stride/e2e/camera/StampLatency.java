package io.stride.e2e.camera;

import java.util.ArrayList;
import java.util.List;

/**
 * Source-to-stream latency from frame stamps. FFmpeg publishing with {@code -re} sends frame {@code u} of its
 * looped input (counting on across loops) at {@code T0 + u / fps}. A reader of the source decodes a few of those
 * frames; each decoding came at or after its frame left, so the least delayed one gives {@code T0}. A player's
 * stamped picture at wall time {@code t} is then the latest frame with its stamp sent at or before {@code t}, and its
 * latency is {@code t} minus that frame's departure: right as long as latencies are shorter than one period of the
 * stamps. A source reader that falls behind (a busy machine) delays some of its decodings, not {@code T0}.
 */
public final class StampLatency {

    private static final double NANOS_PER_SECOND = 1e9;

    private StampLatency() {
    }

    /**
     * @param source        pictures decoded at the source, in order, at least one stamped; between two of them
     *                      less than one period passes
     * @param player        pictures decoded from the stream; unstamped ones are left out
     * @param periodFrames  how many stamps there are: stamp {@code s} comes back as {@code s + periodFrames}
     * @param fps           the publisher's frame rate
     * @throws IllegalArgumentException when no source picture is stamped
     */
    public static Summary of(List<Sighting> source, List<Sighting> player, int periodFrames, double fps) {
        double frameNanos = NANOS_PER_SECOND / fps;
        double earliestStart = Double.POSITIVE_INFINITY;
        double latestStart = Double.NEGATIVE_INFINITY;
        long loops = 0;
        int previous = -1;
        for (Sighting sighting : source) {
            if (!sighting.stamped()) {
                continue;
            }
            if (sighting.stamp() < previous) {
                loops++;
            }
            previous = sighting.stamp();
            double start = sighting.wallNanos() - (loops * periodFrames + sighting.stamp()) * frameNanos;
            earliestStart = Math.min(earliestStart, start);
            latestStart = Math.max(latestStart, start);
        }
        if (previous < 0) {
            throw new IllegalArgumentException("no stamped picture from the source");
        }
        List<Long> latencies = new ArrayList<>();
        for (Sighting sighting : player) {
            if (sighting.stamped()) {
                double framesSinceStart = (sighting.wallNanos() - earliestStart) / frameNanos;
                long loop = (long) Math.floor((framesSinceStart - sighting.stamp()) / periodFrames);
                double departure = earliestStart + (loop * periodFrames + sighting.stamp()) * frameNanos;
                latencies.add(Math.round(sighting.wallNanos() - departure));
            }
        }
        return new Summary(latencies, (latestStart - earliestStart) / NANOS_PER_SECOND);
    }

    /**
     * @param latenciesNanos      the stamped player pictures' latencies, in their order
     * @param sourceSpreadSeconds how much later than the least delayed one the source reader's slowest decoding came
     */
    public record Summary(List<Long> latenciesNanos, double sourceSpreadSeconds) {

        public Summary {
            latenciesNanos = List.copyOf(latenciesNanos);
        }

        /** The median latency in seconds (the lower middle one of an even count); NaN when there is none. */
        public double medianSeconds() {
            if (latenciesNanos.isEmpty()) {
                return Double.NaN;
            }
            List<Long> sorted = latenciesNanos.stream().sorted().toList();
            return sorted.get((sorted.size() - 1) / 2) / NANOS_PER_SECOND;
        }

        /** The largest latency in seconds; NaN when there is none. */
        public double maxSeconds() {
            return latenciesNanos.stream().mapToLong(Long::longValue).max().stream()
                    .mapToDouble(nanos -> nanos / NANOS_PER_SECOND).findFirst().orElse(Double.NaN);
        }
    }
}
