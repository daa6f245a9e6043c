package io.stride.e2e.bench;

import java.util.function.LongSupplier;

/**
 * Wall time (or, when asked, the thread's CPU time) of one step, per frame, over the frames after a warm-up: the first frames pay for class loading,
 * JIT compilation and native allocations that a long video never sees again.
 */
final class FrameTimer {

    /** Work whose time is taken; may throw what the step throws. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    private static final double NANOS_PER_MILLI = 1e6;

    private final int warmupFrames;
    private final LongSupplier clock;
    private int seen;
    private int measured;
    private long measuredNanos;

    FrameTimer(int warmupFrames) {
        this(warmupFrames, System::nanoTime);
    }

    /** @param clock nanoseconds, e.g. {@link ThreadCpuClock#nanos()} for the thread's CPU time */
    FrameTimer(int warmupFrames, LongSupplier clock) {
        this.warmupFrames = warmupFrames;
        this.clock = clock;
    }

    /** Runs the step once for the current frame and records its time. */
    <T> T time(Step<T> step) throws Exception {
        long start = clock.getAsLong();
        T result = step.run();
        record(clock.getAsLong() - start);
        return result;
    }

    void record(long nanos) {
        if (seen++ >= warmupFrames) {
            measured++;
            measuredNanos += nanos;
        }
    }

    /** Frames that count, i.e. those after the warm-up. */
    int frames() {
        return measured;
    }

    /** Mean milliseconds per measured frame; NaN before any. */
    double millisPerFrame() {
        return measured == 0 ? Double.NaN : measuredNanos / NANOS_PER_MILLI / measured;
    }
}
