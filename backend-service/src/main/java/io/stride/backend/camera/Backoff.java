package io.stride.backend.camera;

import java.time.Duration;

/**
 * The waits between reconnection attempts: {@code initial}, then each one {@code factor} times the previous, at most
 * {@code max}; back to {@code initial} once a connection delivers a picture again.
 */
final class Backoff {

    private final Duration initial;
    private final double factor;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, double factor, Duration max) {
        this.initial = initial;
        this.factor = factor;
        this.max = max;
        this.next = initial;
    }

    /** The wait before the next attempt; the one after it is longer, up to the maximum. */
    Duration next() {
        Duration wait = next;
        long grown = (long) Math.min(Long.MAX_VALUE / 2.0, wait.toMillis() * factor);
        next = Duration.ofMillis(Math.min(grown, max.toMillis()));
        return wait;
    }

    /** A connection works again: the next failure waits {@code initial} only. */
    void reset() {
        next = initial;
    }
}
