package io.stride.rtsp.relay;

import io.netty.channel.Channel;
import io.stride.rtsp.protocol.PortPair;
import java.util.function.IntConsumer;

/** Two bound server UDP sockets, RTP on an even port and RTCP on the next, lent to one track of one reader. */
public final class UdpPortPair {

    private final Channel rtp;
    private final Channel rtcp;
    private final IntConsumer onRelease;
    private boolean released;

    UdpPortPair(Channel rtp, Channel rtcp, IntConsumer onRelease) {
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.onRelease = onRelease;
    }

    public PortPair ports() {
        return new PortPair(UdpPortPool.localPort(rtp), UdpPortPool.localPort(rtcp));
    }

    Channel rtp() {
        return rtp;
    }

    Channel rtcp() {
        return rtcp;
    }

    /** Closes both sockets and returns the ports to the pool. */
    public synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        int port = UdpPortPool.localPort(rtp);
        rtp.close();
        rtcp.close();
        onRelease.accept(port);
    }
}
