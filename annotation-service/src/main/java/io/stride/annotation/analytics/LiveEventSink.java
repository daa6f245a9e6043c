package io.stride.annotation.analytics;

import io.stride.core.analytics.LiveEvent;
import java.time.Duration;

/** Where the events of running tasks go as they happen; it must not make the frame path wait. */
@FunctionalInterface
public interface LiveEventSink {

    /** Drops every event: for tests and tools that run the stage without a broker. */
    LiveEventSink NONE = event -> { };

    void publish(LiveEvent event);

    /**
     * Waits, at most {@code timeout}, until every event published so far has reached its destination or failed:
     * what a durable point needs before it is recorded, since a restart resumes after it and never sends those
     * events again.
     */
    default void awaitSent(Duration timeout) {
    }
}
