package io.stride.rtsp.session;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.stride.rtsp.protocol.InterleavedFrameEncoder;
import io.stride.rtsp.protocol.RtspMessageFramer;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of an RTSP connection. Inbound: idle detection, the framer that separates interleaved packets
 * from RTSP messages, Netty's RTSP decoder and an aggregator that joins a request with its body, then the
 * connection handler. Outbound: RTSP responses through Netty's encoder, interleaved packets through ours.
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
        connections.add(channel);
        long idleNanos = server.settings().sessionTimeout().toNanos();
        channel.pipeline()
                .addLast("idle", new IdleStateHandler(idleNanos, 0, 0, TimeUnit.NANOSECONDS))
                .addLast("framer", new RtspMessageFramer())
                // Before the RTSP encoder in pipeline order, so outbound frames reach it after passing that one.
                .addLast("interleaved-encoder", INTERLEAVED_ENCODER)
                .addLast("rtsp-decoder", new RtspDecoder())
                .addLast("rtsp-encoder", new RtspEncoder())
                .addLast("aggregator", new HttpObjectAggregator(RtspMessageFramer.MAX_BODY_BYTES))
                .addLast("rtsp", new RtspConnectionHandler(server));
    }
}
