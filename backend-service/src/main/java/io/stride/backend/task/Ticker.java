package io.stride.backend.task;

/**
 * The backend's own monotonic clock, in milliseconds from an arbitrary origin. Stall times are measured on it
 * alone: an event's timestamp was taken on another host, whose clock may be skewed or stepped by NTP.
 */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = () -> System.nanoTime() / 1_000_000;

    long millis();
}
