package io.stride.rtsp.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/**
 * A reader session as the relay sees it: where its packets go and whether it wants them now (between PLAY and
 * PAUSE/TEARDOWN). Attached to one {@link LivePath}.
 */
public final class Reader {

    private final Channel connection;
    private final ReaderOutput output;
    private volatile boolean playing;

    public Reader(Channel connection, ReaderOutput output) {
        this.connection = connection;
        this.output = output;
    }

    public ReaderOutput output() {
        return output;
    }

    public void play() {
        playing = true;
    }

    public void pause() {
        playing = false;
    }

    public boolean isPlaying() {
        return playing;
    }

    void deliver(int track, boolean rtcp, ByteBuf packet, RelayCounters counters) {
        if (!playing) {
            return;
        }
        if (output.offer(track, rtcp, packet)) {
            counters.relayed();
        } else {
            counters.dropped();
        }
    }

    void flush() {
        if (playing) {
            output.flush();
        }
    }

    /**
     * The publisher is gone: the reader's RTSP connection is closed, which ends its session, once what was queued
     * for it has gone out. The stream's last packets often come in the same read as the publisher's TEARDOWN, before
     * the flush at the end of that read, and a plain close would drop them: a replay's last frame came out broken.
     */
    void disconnect() {
        playing = false;
        if (!connection.isOpen()) {
            // Closed already, as at server shutdown, when its event loop may be gone too.
            return;
        }
        output.flush();
        connection.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
