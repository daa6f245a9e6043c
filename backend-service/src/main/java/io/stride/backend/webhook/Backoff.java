package io.stride.backend.webhook;

import java.time.Duration;
import java.util.Optional;

/**
 * When a failed delivery is tried again: {@code initial} after the first attempt, each wait {@code factor} times the
 * one before, at most {@code max}; no attempt is made later than {@code retryFor} after the first one.
 */
public record Backoff(Duration initial, double factor, Duration max, Duration retryFor) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || factor < 1 || max.compareTo(initial) < 0
                || retryFor.isNegative()) {
            throw new IllegalArgumentException("not a back-off: initial " + initial + ", factor " + factor
                    + ", max " + max + ", retry for " + retryFor);
        }
    }

    /** The wait after failed attempt number {@code attempts} (1 for the first). */
    public Duration delayAfter(int attempts) {
        double millis = initial.toMillis() * Math.pow(factor, attempts - 1);
        return millis >= max.toMillis() ? max : Duration.ofMillis(Math.round(millis));
    }

    /**
     * The wait before the next attempt, or empty to give up.
     *
     * @param attempts attempts made so far, all failed
     * @param elapsed  time since the first attempt started
     */
    public Optional<Duration> next(int attempts, Duration elapsed) {
        Duration delay = delayAfter(attempts);
        return elapsed.plus(delay).compareTo(retryFor) <= 0 ? Optional.of(delay) : Optional.empty();
    }
}
