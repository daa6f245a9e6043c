package io.stride.rtsp.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Sends a reader's packets as UDP datagrams from the server port pair of each track to the client ports it gave
 * in SETUP, on the address its RTSP connection comes from. Each socket's write-buffer high-water mark bounds
 * what is queued; past it, packets are dropped for this reader only.
 */
public final class UdpReaderOutput implements ReaderOutput {

    /** Where one track goes: the lent server ports and the client's RTP and RTCP addresses. */
    public record TrackTarget(UdpPortPair serverPorts, InetSocketAddress rtp, InetSocketAddress rtcp) {
    }

    private final AtomicReferenceArray<TrackTarget> targets;

    public UdpReaderOutput(int trackCount) {
        this.targets = new AtomicReferenceArray<>(trackCount);
    }

    public void setUpTrack(int track, TrackTarget target) {
        TrackTarget previous = targets.getAndSet(track, target);
        if (previous != null) {
            previous.serverPorts().release();
        }
    }

    public boolean isSetUp(int track) {
        return targets.get(track) != null;
    }

    @Override
    public boolean offer(int track, boolean rtcp, ByteBuf packet) {
        TrackTarget target = targets.get(track);
        if (target == null) {
            return true;
        }
        Channel socket = rtcp ? target.serverPorts().rtcp() : target.serverPorts().rtp();
        if (!socket.isWritable()) {
            return false;
        }
        var datagram = new DatagramPacket(packet.retainedDuplicate(), rtcp ? target.rtcp() : target.rtp());
        socket.write(datagram, socket.voidPromise());
        return true;
    }

    @Override
    public void flush() {
        for (int i = 0; i < targets.length(); i++) {
            TrackTarget target = targets.get(i);
            if (target != null) {
                target.serverPorts().rtp().flush();
                target.serverPorts().rtcp().flush();
            }
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < targets.length(); i++) {
            TrackTarget target = targets.getAndSet(i, null);
            if (target != null) {
                target.serverPorts().release();
            }
        }
    }
}
