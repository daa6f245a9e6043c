package io.stride.rtsp;

import io.stride.rtsp.protocol.InterleavedFrame;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How an {@link RtspServer} listens and how much it tolerates. {@link #defaults()} gives the values below;
 * the {@code with…} methods change one. The caps keep the server serving its players while somebody abuses it:
 * each names what a client gets over it (docs/security.md has them in a table).
 *
 * @param bindHost                  address to listen on (TCP and UDP); default {@code 0.0.0.0}
 * @param port                      RTSP TCP port; default 8554 (the port MediaMTX and players assume); 0 picks a
 *                                  free one, see {@link RtspServer#port()}
 * @param udpPorts                  ports RTP/RTCP to UDP readers are sent from; default 8000–8099 (50 reader tracks)
 * @param sessionTimeout            a session that shows no sign of life for this long is closed (keep-alive
 *                                  requests, RTCP; bytes that make no whole message do not count); announced to
 *                                  clients as {@code Session: …;timeout=}; default 60 s
 * @param publisherWait             how long a DESCRIBE for a path without a publisher waits for one to appear before
 *                                  answering 404, so a player started just before the stream still connects;
 *                                  default 2 s
 * @param maxReadersPerPath         readers allowed on one path at a time; more get {@code 453 Not Enough Bandwidth};
 *                                  default 32
 * @param readerWriteBufferBytes    bytes queued for one reader before its packets are dropped rather than let a slow
 *                                  reader hold up the publisher; default 1 MiB (about 2 s of a 4 Mbit/s stream), at
 *                                  least {@link #MIN_WRITE_BUFFER_BYTES}
 * @param maxConnections            RTSP connections open at once from all clients; one more is closed as soon as it
 *                                  is accepted; default 256
 * @param maxConnectionsPerAddress  connections one client address may hold, so that one host cannot take them all;
 *                                  one more is closed as soon as it is accepted; default 32
 * @param maxQueuedRequests         requests a connection may send ahead while one of its requests waits for its
 *                                  answer (a DESCRIBE waiting for a publisher); one more closes the connection, as
 *                                  answers cannot overtake each other; default 8
 * @param requestTimeout            a connection must complete its first request within this long of connecting, and
 *                                  every later request or interleaved packet within this long of its first byte;
 *                                  otherwise it gets {@code 408 Request Time-out} and is closed, so a client dripping
 *                                  a byte at a time cannot hold a connection; default 10 s
 * @param maxOnDemandPublishers     publishers that the {@link MissingPathHandler} may have starting or running at
 *                                  once (replays of finished tasks), each counted from the DESCRIBE that asked for
 *                                  it until its publisher leaves; a DESCRIBE that would start one more gets
 *                                  {@code 503 Service Unavailable}; default 4
 * @param maxUdpPortPairsPerAddress UDP port pairs (one per track of a UDP reader) one client address may hold, so
 *                                  that one host cannot take the whole {@code udpPorts} range; one more UDP SETUP
 *                                  gets {@code 461 Unsupported Transport}, after which players set up over TCP;
 *                                  default 8
 */
public record RtspServerSettings(
        String bindHost,
        int port,
        PortRange udpPorts,
        Duration sessionTimeout,
        Duration publisherWait,
        int maxReadersPerPath,
        int readerWriteBufferBytes,
        int maxConnections,
        int maxConnectionsPerAddress,
        int maxQueuedRequests,
        Duration requestTimeout,
        int maxOnDemandPublishers,
        int maxUdpPortPairsPerAddress) {

    public static final String DEFAULT_BIND_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8554;
    public static final PortRange DEFAULT_UDP_PORTS = new PortRange(8000, 8099);
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_PUBLISHER_WAIT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_READERS_PER_PATH = 32;
    public static final int DEFAULT_READER_WRITE_BUFFER_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 32;
    public static final int DEFAULT_MAX_QUEUED_REQUESTS = 8;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ON_DEMAND_PUBLISHERS = 4;
    public static final int DEFAULT_MAX_UDP_PORT_PAIRS_PER_ADDRESS = 8;

    /** One interleaved frame of the largest size: with less, a reader could never be written to. */
    public static final int MIN_WRITE_BUFFER_BYTES = InterleavedFrame.HEADER_BYTES + InterleavedFrame.MAX_PAYLOAD_BYTES;

    private static final int MAX_PORT = 0xFFFF;

    public RtspServerSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(udpPorts, "udpPorts");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(publisherWait, "publisherWait");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (sessionTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("session timeout must be at least a second: " + sessionTimeout);
        }
        if (publisherWait.isNegative()) {
            throw new IllegalArgumentException("publisher wait must not be negative: " + publisherWait);
        }
        if (maxReadersPerPath < 1) {
            throw new IllegalArgumentException("at least one reader per path: " + maxReadersPerPath);
        }
        if (readerWriteBufferBytes < MIN_WRITE_BUFFER_BYTES) {
            throw new IllegalArgumentException("reader write buffer must hold at least one packet ("
                    + MIN_WRITE_BUFFER_BYTES + " bytes): " + readerWriteBufferBytes);
        }
        atLeastOne("maxConnections", maxConnections);
        atLeastOne("maxConnectionsPerAddress", maxConnectionsPerAddress);
        atLeastOne("maxQueuedRequests", maxQueuedRequests);
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
        }
        atLeastOne("maxOnDemandPublishers", maxOnDemandPublishers);
        atLeastOne("maxUdpPortPairsPerAddress", maxUdpPortPairsPerAddress);
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }

    public static RtspServerSettings defaults() {
        return new RtspServerSettings(DEFAULT_BIND_HOST, DEFAULT_PORT, DEFAULT_UDP_PORTS, DEFAULT_SESSION_TIMEOUT,
                DEFAULT_PUBLISHER_WAIT, DEFAULT_MAX_READERS_PER_PATH, DEFAULT_READER_WRITE_BUFFER_BYTES,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_MAX_QUEUED_REQUESTS,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_ON_DEMAND_PUBLISHERS, DEFAULT_MAX_UDP_PORT_PAIRS_PER_ADDRESS);
    }

    public RtspServerSettings withBindHost(String value) {
        return with(draft -> draft.bindHost = value);
    }

    public RtspServerSettings withPort(int value) {
        return with(draft -> draft.port = value);
    }

    public RtspServerSettings withUdpPorts(PortRange value) {
        return with(draft -> draft.udpPorts = value);
    }

    public RtspServerSettings withSessionTimeout(Duration value) {
        return with(draft -> draft.sessionTimeout = value);
    }

    public RtspServerSettings withPublisherWait(Duration value) {
        return with(draft -> draft.publisherWait = value);
    }

    public RtspServerSettings withMaxReadersPerPath(int value) {
        return with(draft -> draft.maxReadersPerPath = value);
    }

    public RtspServerSettings withReaderWriteBufferBytes(int value) {
        return with(draft -> draft.readerWriteBufferBytes = value);
    }

    public RtspServerSettings withMaxConnections(int value) {
        return with(draft -> draft.maxConnections = value);
    }

    public RtspServerSettings withMaxConnectionsPerAddress(int value) {
        return with(draft -> draft.maxConnectionsPerAddress = value);
    }

    public RtspServerSettings withMaxQueuedRequests(int value) {
        return with(draft -> draft.maxQueuedRequests = value);
    }

    public RtspServerSettings withRequestTimeout(Duration value) {
        return with(draft -> draft.requestTimeout = value);
    }

    public RtspServerSettings withMaxOnDemandPublishers(int value) {
        return with(draft -> draft.maxOnDemandPublishers = value);
    }

    public RtspServerSettings withMaxUdpPortPairsPerAddress(int value) {
        return with(draft -> draft.maxUdpPortPairsPerAddress = value);
    }

    private RtspServerSettings with(Consumer<Draft> change) {
        var draft = new Draft(this);
        change.accept(draft);
        return draft.settings();
    }

    /** For tests: loopback, a free TCP port, operating-system UDP ports, otherwise the defaults. */
    public static RtspServerSettings loopbackEphemeral() {
        return defaults().withBindHost("127.0.0.1").withPort(0).withUdpPorts(PortRange.ephemeral());
    }

    /** The one place that copies every field, so that each {@code with…} method changes only its own. */
    private static final class Draft {
        private String bindHost;
        private int port;
        private PortRange udpPorts;
        private Duration sessionTimeout;
        private Duration publisherWait;
        private int maxReadersPerPath;
        private int readerWriteBufferBytes;
        private int maxConnections;
        private int maxConnectionsPerAddress;
        private int maxQueuedRequests;
        private Duration requestTimeout;
        private int maxOnDemandPublishers;
        private int maxUdpPortPairsPerAddress;

        private Draft(RtspServerSettings settings) {
            bindHost = settings.bindHost;
            port = settings.port;
            udpPorts = settings.udpPorts;
            sessionTimeout = settings.sessionTimeout;
            publisherWait = settings.publisherWait;
            maxReadersPerPath = settings.maxReadersPerPath;
            readerWriteBufferBytes = settings.readerWriteBufferBytes;
            maxConnections = settings.maxConnections;
            maxConnectionsPerAddress = settings.maxConnectionsPerAddress;
            maxQueuedRequests = settings.maxQueuedRequests;
            requestTimeout = settings.requestTimeout;
            maxOnDemandPublishers = settings.maxOnDemandPublishers;
            maxUdpPortPairsPerAddress = settings.maxUdpPortPairsPerAddress;
        }

        private RtspServerSettings settings() {
            return new RtspServerSettings(bindHost, port, udpPorts, sessionTimeout, publisherWait, maxReadersPerPath,
                    readerWriteBufferBytes, maxConnections, maxConnectionsPerAddress, maxQueuedRequests, requestTimeout,
                    maxOnDemandPublishers, maxUdpPortPairsPerAddress);
        }
    }
}
