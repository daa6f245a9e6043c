package io.stride.annotation.live;

/**
 * Plays a stream at its own frame rate, never faster: a packet is due at the wall time of the first packet
 * plus its presentation time. When packets arrive later than due (the pipeline is slower than real time),
 * the clock is moved so the late packet goes out at once and those after it keep their spacing, instead of
 * bursting to catch up.
 */
final class Pacer {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private boolean started;
    private long originNanos;

    /**
     * @param ptsSeconds the packet's presentation time
     * @param nowNanos   the current time ({@link System#nanoTime()})
     * @return how long to wait before sending the packet, 0 to send it now
     */
    long delayNanos(double ptsSeconds, long nowNanos) {
        long offset = Math.round(ptsSeconds * NANOS_PER_SECOND);
        if (!started || originNanos + offset < nowNanos) {
            started = true;
            originNanos = nowNanos - offset;
            return 0;
        }
        return originNanos + offset - nowNanos;
    }
}
