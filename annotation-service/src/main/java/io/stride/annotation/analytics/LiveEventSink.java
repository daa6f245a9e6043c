package io.stride.annotation.analytics;

import io.stride.core.analytics.LiveEvent;

/** Where the events of running tasks go as they happen; it must not make the frame path wait. */
@FunctionalInterface
public interface LiveEventSink {

    /** Drops every event: for tests and tools that run the stage without a broker. */
    LiveEventSink NONE = event -> { };

    void publish(LiveEvent event);
}
