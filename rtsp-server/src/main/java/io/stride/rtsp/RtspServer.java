package io.stride.rtsp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.stride.rtsp.limit.ConnectionLimits;
import io.stride.rtsp.limit.RefusalLog;
import io.stride.rtsp.relay.PathRegistry;
import io.stride.rtsp.relay.RelayCounters;
import io.stride.rtsp.relay.UdpPortPool;
import io.stride.rtsp.session.OnDemandPublishers;
import io.stride.rtsp.session.RtspChannelInitializer;
import io.stride.rtsp.session.ServerContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small RTSP 1.0 (RFC 2326) relay: publishers (FFmpeg's {@code rtsp} muxer) ANNOUNCE and RECORD a stream on a
 * path over interleaved TCP; readers (VLC, ffplay, GStreamer {@code rtspsrc}) DESCRIBE, SETUP (TCP or UDP) and
 * PLAY it, and get every RTP/RTCP packet of the publisher as it arrives. There is no buffering beyond each
 * reader's bounded write buffer: a reader joining mid-stream starts with the next packet (the publisher's short
 * GOP gives it a keyframe soon), and a reader that cannot keep up loses packets instead of slowing anyone down.
 *
 * <p>{@link StreamAccess} decides who may read and who may publish; the caps of {@link RtspServerSettings} keep
 * the server serving while somebody abuses it (connections, queued requests, slow requests, on-demand publishers,
 * UDP ports).
 *
 * <pre>{@code
 * var secret = PublisherSecret.random();
 * try (var server = new RtspServer(RtspServerSettings.defaults(), path -> isTaskId(path),
 *         StreamAccess.openForReading(secret))) {
 *     server.start();
 *     // ffmpeg -re -i in.mp4 -c copy -f rtsp -rtsp_transport tcp rtsp://localhost:8554/<task id>?token=<secret>
 *     // ffplay rtsp://localhost:8554/<task id>
 * }
 * }</pre>
 */
public final class RtspServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtspServer.class);
    private static final long SHUTDOWN_QUIET_MILLIS = 0;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;

    private final RtspServerSettings settings;
    private final PathValidator pathValidator;
    private final StreamAccess access;
    private final RelayCounters counters = new RelayCounters();
    private final PathRegistry registry;
    private volatile MissingPathHandler missingPathHandler = MissingPathHandler.NONE;
    private EventLoopGroup group;
    private ChannelGroup connections;
    private volatile Channel listener;
    private UdpPortPool udpPorts;
    private final ConnectionLimits connectionLimits;
    private OnDemandPublishers onDemandPublishers;

    public RtspServer(RtspServerSettings settings) {
        this(settings, PathValidator.ANY);
    }

    public RtspServer(RtspServerSettings settings, PathValidator pathValidator) {
        this(settings, pathValidator, StreamAccess.open());
    }

    /** @param access who may read and who may publish, see {@link StreamAccess} */
    public RtspServer(RtspServerSettings settings, PathValidator pathValidator, StreamAccess access) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pathValidator = Objects.requireNonNull(pathValidator, "pathValidator");
        this.access = Objects.requireNonNull(access, "access");
        this.registry = new PathRegistry(settings.maxReadersPerPath(), counters);
        this.connectionLimits = new ConnectionLimits(settings.maxConnections(), settings.maxConnectionsPerAddress());
    }

    /** Installs the hook asked to provide a publisher for a path nobody publishes; may be called at any time. */
    public void setMissingPathHandler(MissingPathHandler handler) {
        this.missingPathHandler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Binds the RTSP port and starts serving.
     *
     * @throws IOException if the port cannot be bound
     */
    public synchronized void start() throws IOException {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        group = new MultiThreadIoEventLoopGroup(new DefaultThreadFactory("rtsp"), NioIoHandler.newFactory());
        connections = new DefaultChannelGroup("rtsp-connections", GlobalEventExecutor.INSTANCE);
        var waterMark = new WriteBufferWaterMark(settings.readerWriteBufferBytes() / 2,
                settings.readerWriteBufferBytes());
        udpPorts = new UdpPortPool(group, settings.bindHost(), settings.udpPorts(), waterMark,
                settings.maxUdpPortPairsPerAddress());
        onDemandPublishers = new OnDemandPublishers(settings.maxOnDemandPublishers(), settings.publisherWait(),
                registry, () -> missingPathHandler, group);
        var context = new ServerContext(settings, registry, udpPorts, pathValidator, onDemandPublishers, access,
                connectionLimits, new RefusalLog(), new SecureRandom());
        var bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .childHandler(new RtspChannelInitializer(context, connections));
        try {
            listener = bootstrap.bind(settings.bindHost(), settings.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutDownGroup();
            throw new IOException("cannot listen for RTSP on " + settings.bindHost() + ":" + settings.port(), e);
        }
        log.info("RTSP relay listening on {}:{} (UDP {}, {}; at most {} connections, {} per address)",
                settings.bindHost(), port(), settings.udpPorts(), access, settings.maxConnections(),
                settings.maxConnectionsPerAddress());
    }

    /** The bound RTSP port (the actual one when the settings asked for port 0). */
    public int port() {
        Channel bound = listener;
        if (bound == null) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) bound.localAddress()).getPort();
    }

    /** Whether a publisher is recording on the path, e.g. {@code /3f2a…}. */
    public boolean isLive(String path) {
        return registry.live(path).isPresent();
    }

    public RelayStatistics statistics() {
        return new RelayStatistics(registry.livePaths(), registry.readers(), counters.relayedPackets(),
                counters.droppedPackets());
    }

    /** RTSP connections open now (admitted under the caps and not yet closed). */
    public int connections() {
        return connectionLimits.open();
    }

    /** Stops listening, disconnects every publisher and reader and releases all ports. */
    @Override
    public synchronized void close() {
        if (group == null) {
            return;
        }
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        registry.releaseAll();
        connections.close().awaitUninterruptibly();
        shutDownGroup();
        log.info("RTSP relay stopped");
    }

    private void shutDownGroup() {
        if (onDemandPublishers != null) {
            onDemandPublishers.close();
        }
        group.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly();
        group = null;
    }
}
