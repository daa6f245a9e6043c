package io.stride.rtsp.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.stride.rtsp.protocol.InterleavedFrame;
import io.stride.rtsp.protocol.PortPair;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Sends a reader's packets over its RTSP connection as interleaved frames, on the channel pair each track was
 * set up with. The connection's write-buffer high-water mark bounds what is queued for the reader; past it,
 * packets are dropped for this reader only.
 */
public final class TcpReaderOutput implements ReaderOutput {

    private final Channel connection;
    private final AtomicReferenceArray<PortPair> channels;

    public TcpReaderOutput(Channel connection, int trackCount) {
        this.connection = connection;
        this.channels = new AtomicReferenceArray<>(trackCount);
    }

    public void setUpTrack(int track, PortPair interleaved) {
        channels.set(track, interleaved);
    }

    public boolean isSetUp(int track) {
        return channels.get(track) != null;
    }

    /** Whether a channel number is already taken by one of this reader's tracks. */
    public boolean usesChannel(int channel) {
        for (int i = 0; i < channels.length(); i++) {
            PortPair pair = channels.get(i);
            if (pair != null && (pair.rtp() == channel || pair.rtcp() == channel)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean offer(int track, boolean rtcp, ByteBuf packet) {
        PortPair pair = channels.get(track);
        if (pair == null) {
            return true;
        }
        if (!connection.isWritable()) {
            return false;
        }
        var frame = new InterleavedFrame(rtcp ? pair.rtcp() : pair.rtp(), packet.retainedDuplicate());
        connection.write(frame, connection.voidPromise());
        return true;
    }

    @Override
    public void flush() {
        connection.flush();
    }

    @Override
    public void close() {
        // The connection belongs to the reader's session, which closes it.
    }
}
