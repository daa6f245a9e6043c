package io.stride.rtsp.session;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.stride.rtsp.limit.ConnectionLimits.Admission;
import io.stride.rtsp.limit.RefusalLog;
import io.stride.rtsp.protocol.InterleavedFrameEncoder;
import io.stride.rtsp.protocol.RtspMessageFramer;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/**
 * Admits a new connection under the server's connection caps (one over a cap is closed before anything is read)
 * and builds its pipeline. Inbound: the framer that separates interleaved packets from RTSP messages and holds
 * each to the request timeout, idle detection on whole messages only, Netty's RTSP decoder and an aggregator that
 * joins a request with its body, then the connection handler. Outbound: RTSP responses through Netty's encoder,
 * interleaved packets through ours.
 */
public final class RtspChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final InterleavedFrameEncoder INTERLEAVED_ENCODER = new InterleavedFrameEncoder();

    private final ServerContext server;
    private final ChannelGroup connections;

    public RtspChannelInitializer(ServerContext server, ChannelGroup connections) {
        this.server = server;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        InetAddress client = channel.remoteAddress().getAddress();
        Admission admission = server.connectionLimits().admit(client);
        if (admission != Admission.ADMITTED) {
            boolean serverFull = admission == Admission.SERVER_FULL;
            server.refusals().refused(serverFull ? RefusalLog.Cause.SERVER_FULL : RefusalLog.Cause.ADDRESS_FULL,
                    client, "maximum " + (serverFull ? server.settings().maxConnections()
                            : server.settings().maxConnectionsPerAddress()));
            channel.close();
            return;
        }
        channel.closeFuture().addListener(closed -> server.connectionLimits().release(client));
        connections.add(channel);
        long idleNanos = server.settings().sessionTimeout().toNanos();
        channel.pipeline()
                .addLast("framer", new RtspMessageFramer(server.settings().requestTimeout()))
                // After the framer: only whole messages are signs of life, not any byte a client drips.
                .addLast("idle", new IdleStateHandler(idleNanos, 0, 0, TimeUnit.NANOSECONDS))
                // Before the RTSP encoder in pipeline order, so outbound frames reach it after passing that one.
                .addLast("interleaved-encoder", INTERLEAVED_ENCODER)
                .addLast("rtsp-decoder", new RtspDecoder())
                .addLast("rtsp-encoder", new RtspEncoder())
                .addLast("aggregator", new HttpObjectAggregator(RtspMessageFramer.MAX_BODY_BYTES))
                .addLast("rtsp", new RtspConnectionHandler(server));
    }
}
