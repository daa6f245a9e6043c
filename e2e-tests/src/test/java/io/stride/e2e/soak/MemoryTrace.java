package io.stride.e2e.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * One service's memory over a soak run, sampled against the frames the service had processed: plotted against
 * frames, not time, a leak per frame shows as a slope whatever the fleet's speed.
 */
final class MemoryTrace {

    private static final double FRAMES_PER_SLOPE_UNIT = 1000;

    /**
     * One sample.
     *
     * @param frame   frames the service had processed
     * @param rssMib  the process's resident set
     * @param heapMib the resident part of the Java heap's address range ({@link JavaHeapMapping})
     */
    record Sample(long frame, double rssMib, double heapMib) {

        /**
         * Resident memory outside the Java heap: native buffers (JavaCV frames, ONNX tensors), code, metaspace,
         * thread stacks. Unlike the heap, which grows into its {@code -Xmx} reservation as the collector first
         * touches its pages, nothing caps it: a leak shows here.
         */
        double offHeapMib() {
            return rssMib - heapMib;
        }
    }

    private final List<Sample> samples = new ArrayList<>();

    /**
     * Adds a sample if the service has moved on since the previous one. Samples while it waits (for its input, or
     * after its last frame while later stages finish) would stack up at one frame and weigh the slope with time
     * spent idle, which says nothing about memory per frame.
     */
    void add(Sample sample) {
        if (samples.isEmpty() || sample.frame() > samples.get(samples.size() - 1).frame()) {
            samples.add(sample);
        }
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The first sample taken at or after {@code frame}; empty if the service never got that far. */
    Optional<Sample> at(long frame) {
        return samples.stream().filter(s -> s.frame() >= frame).findFirst();
    }

    /** Least-squares slope of the resident set in MiB per 1,000 frames, over the samples from {@code fromFrame}. */
    double rssSlope(long fromFrame) {
        return slope(fromFrame, Sample::rssMib);
    }

    /** As {@link #rssSlope}, for the resident memory outside the Java heap. */
    double offHeapSlope(long fromFrame) {
        return slope(fromFrame, Sample::offHeapMib);
    }

    /** NaN with fewer than two samples from {@code fromFrame}: no line through them. */
    private double slope(long fromFrame, ToDoubleFunction<Sample> value) {
        List<Sample> used = samples.stream().filter(s -> s.frame() >= fromFrame).toList();
        if (used.size() < 2) {
            return Double.NaN;
        }
        double meanX = used.stream().mapToDouble(Sample::frame).average().orElseThrow();
        double meanY = used.stream().mapToDouble(value).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (Sample s : used) {
            double dx = s.frame() - meanX;
            covariance += dx * (value.applyAsDouble(s) - meanY);
            variance += dx * dx;
        }
        return covariance / variance * FRAMES_PER_SLOPE_UNIT;
    }
}
