package io.stride.rtsp.relay;

import java.util.concurrent.atomic.LongAdder;

/** Packets handed to readers and packets dropped for readers that could not keep up, over all paths. */
public final class RelayCounters {

    private final LongAdder relayed = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    void relayed() {
        relayed.increment();
    }

    void dropped() {
        dropped.increment();
    }

    public long relayedPackets() {
        return relayed.sum();
    }

    public long droppedPackets() {
        return dropped.sum();
    }
}
