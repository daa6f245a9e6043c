package io.stride.backend.camera;

/**
 * Events per second over the last {@link #WINDOW_SECONDS} whole seconds (the current, partial second left out), in
 * one-second buckets. One thread records, any thread reads.
 */
final class RateMeter {

    static final int WINDOW_SECONDS = 5;
    private static final long MILLIS_PER_SECOND = 1000;

    /** Counts by second, indexed by the second modulo the ring's size; one extra slot for the current second. */
    private final long[] counts = new long[WINDOW_SECONDS + 1];
    private final long[] seconds = new long[WINDOW_SECONDS + 1];

    synchronized void record(long nowMillis) {
        long second = nowMillis / MILLIS_PER_SECOND;
        int slot = (int) (second % counts.length);
        if (seconds[slot] != second) {
            seconds[slot] = second;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** Events per second in the whole seconds before {@code nowMillis}'s second. */
    synchronized double perSecond(long nowMillis) {
        long current = nowMillis / MILLIS_PER_SECOND;
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (seconds[i] < current && seconds[i] >= current - WINDOW_SECONDS) {
                total += counts[i];
            }
        }
        return (double) total / WINDOW_SECONDS;
    }
}
