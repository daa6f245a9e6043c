package io.stride.rtsp.relay;

import io.netty.buffer.ByteBuf;

/** Where a reader's packets go: its RTSP connection (interleaved) or its UDP ports. */
public interface ReaderOutput {

    /**
     * Queues a packet of a track for the reader without waiting, or refuses it when the reader's buffer is full.
     * The packet stays owned by the caller; an output that keeps it takes its own reference.
     *
     * @return false when the packet was dropped because the reader cannot keep up
     */
    boolean offer(int track, boolean rtcp, ByteBuf packet);

    /** Sends what {@link #offer} queued; called once per batch of packets read from the publisher. */
    void flush();

    /** Releases what the output holds (UDP ports). */
    void close();
}
