package io.stride.rtsp.session;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.stride.rtsp.limit.RefusalLog;
import io.stride.rtsp.protocol.PortPair;
import io.stride.rtsp.protocol.RequestUri;
import io.stride.rtsp.protocol.SessionDescription;
import io.stride.rtsp.protocol.Transport;
import io.stride.rtsp.protocol.Transport.LowerTransport;
import io.stride.rtsp.relay.LivePath;
import io.stride.rtsp.relay.Reader;
import io.stride.rtsp.relay.ReaderOutput;
import io.stride.rtsp.relay.TcpReaderOutput;
import io.stride.rtsp.relay.TrackPosition;
import io.stride.rtsp.relay.UdpPortPair;
import io.stride.rtsp.relay.UdpPortPool;
import io.stride.rtsp.relay.UdpReaderOutput;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * DESCRIBE, SETUP, PLAY and PAUSE of a reader (RFC 2326 §10.2, §10.4, §10.5, §10.6). Readers receive over
 * interleaved TCP or UDP unicast; one session reads one path with one kind of transport.
 */
final class ReaderRequests {

    private static final String SDP = "application/sdp";
    /** Live: the stream has no end and no seeking, so the range is open from now. */
    private static final String LIVE_RANGE = "npt=0.000-";

    private final ServerContext server;
    private final ConnectionSessions sessions;
    private final Channel connection;

    ReaderRequests(ServerContext server, ConnectionSessions sessions, Channel connection) {
        this.server = server;
        this.sessions = sessions;
        this.connection = connection;
    }

    /**
     * Answers with the publisher's description, waiting a short while for a publisher that is not there yet, which
     * the missing-path handler may be asked to start; {@code 503} when the maximum of those is starting or running.
     */
    CompletionStage<FullHttpResponse> describe(RequestUri uri) {
        String path = RequestProcessor.validPath(server, uri.path());
        Optional<LivePath> live = server.registry().live(path);
        if (live.isPresent()) {
            return CompletableFuture.completedFuture(description(uri, live.get()));
        }
        if (server.onDemandPublishers().request(path) == OnDemandPublishers.Request.FULL) {
            server.refusals().refused(RefusalLog.Cause.ON_DEMAND_FULL, clientAddress(),
                    path + ", maximum " + server.settings().maxOnDemandPublishers());
            throw new RequestRejectedException(RtspResponseStatuses.SERVICE_UNAVAILABLE,
                    "the maximum of on-demand publishers is starting or running");
        }
        return server.registry().whenLive(path, server.settings().publisherWait(), connection.eventLoop())
                .thenApply(found -> description(uri, found.orElseThrow(() -> new RequestRejectedException(
                        RtspResponseStatuses.NOT_FOUND, "no publisher on " + path))));
    }

    private InetAddress clientAddress() {
        return ((InetSocketAddress) connection.remoteAddress()).getAddress();
    }

    private FullHttpResponse description(RequestUri uri, LivePath livePath) {
        var response = RtspResponses.withBody(SDP, livePath.readerDescription());
        response.headers().set(RtspHeaderNames.CONTENT_BASE, contentBase(uri));
        return response;
    }

    /**
     * Sets up one track. A UDP SETUP binds a server port pair first, so its answer may come later.
     *
     * @param existing the session named by the request, if any
     */
    CompletionStage<FullHttpResponse> setup(FullHttpRequest request, RequestUri uri, Optional<RtspSession> existing) {
        String path = RequestProcessor.validPath(server, uri.stream());
        LivePath livePath = existing.map(RtspSession::livePath)
                .or(() -> server.registry().live(path))
                .orElseThrow(() -> new RequestRejectedException(RtspResponseStatuses.NOT_FOUND,
                        "no publisher on " + path));
        if (!livePath.path().equals(path)) {
            throw new RequestRejectedException(RtspResponseStatuses.BAD_REQUEST,
                    "a session reads one path: " + livePath.path() + ", not " + path);
        }
        int track = track(uri, livePath);
        Transport transport = chooseTransport(request, existing);
        if (transport.lower() == LowerTransport.TCP) {
            return CompletableFuture.completedFuture(setupTcp(transport, track, livePath, existing));
        }
        return setupUdp(transport, track, livePath, existing);
    }

    private static int track(RequestUri uri, LivePath livePath) {
        int trackCount = livePath.description().trackCount();
        int track;
        if (uri.trackId().isPresent()) {
            track = uri.trackId().getAsInt();
        } else if (trackCount == 1 && uri.path().equals(livePath.path())) {
            // A single-track stream may be set up by its own URL (some clients skip the control).
            track = 0;
        } else {
            throw new RequestRejectedException(RtspResponseStatuses.NOT_FOUND, "no track at " + uri.path());
        }
        if (track >= trackCount) {
            throw new RequestRejectedException(RtspResponseStatuses.NOT_FOUND,
                    "track " + track + " of " + livePath.path() + " does not exist (" + trackCount + " track(s))");
        }
        return track;
    }

    private Transport chooseTransport(FullHttpRequest request, Optional<RtspSession> existing) {
        Optional<LowerTransport> required = existing.map(s -> s.tcpOutput() != null
                ? LowerTransport.TCP : LowerTransport.UDP);
        return RequestProcessor.transports(request).stream()
                .filter(t -> t.isPlainRtp() && !t.multicast() && t.mode() == Transport.Mode.PLAY)
                .filter(t -> t.lower() == LowerTransport.TCP
                        || (t.lower() == LowerTransport.UDP && t.clientPorts().isPresent()))
                .filter(t -> required.isEmpty() || required.get() == t.lower())
                .findFirst()
                .orElseThrow(() -> new RequestRejectedException(RtspResponseStatuses.UNSUPPORTED_TRANSPORT,
                        "no supported transport in " + request.headers().get(RtspHeaderNames.TRANSPORT)));
    }

    private FullHttpResponse setupTcp(Transport transport, int track, LivePath livePath,
            Optional<RtspSession> existing) {
        PortPair channels = transport.interleaved().orElseGet(sessions::freeChannelPair);
        boolean sameTrackAgain = existing.isPresent() && existing.get().tcpOutput().isSetUp(track);
        if (!sameTrackAgain && (sessions.isChannelInUse(channels.rtp()) || sessions.isChannelInUse(channels.rtcp()))) {
            throw new RequestRejectedException(RtspResponseStatuses.BAD_REQUEST,
                    "interleaved channels already in use: " + channels);
        }
        RtspSession session = existing.orElseGet(() -> newReaderSession(livePath,
                new TcpReaderOutput(connection, livePath.description().trackCount())));
        session.tcpOutput().setUpTrack(track, channels);
        var response = RtspResponses.ok();
        response.headers().set(RtspHeaderNames.TRANSPORT, Transport.tcpReply(channels, Transport.Mode.PLAY));
        response.headers().set(RtspHeaderNames.SESSION, server.sessionHeader(session));
        return response;
    }

    private CompletionStage<FullHttpResponse> setupUdp(Transport transport, int track, LivePath livePath,
            Optional<RtspSession> existing) {
        PortPair clientPorts = transport.clientPorts().orElseThrow();
        InetSocketAddress client = (InetSocketAddress) connection.remoteAddress();
        // The session may not exist yet; the ports report signs of life to whichever session ends up owning them.
        var owner = new AtomicReference<RtspSession>(existing.orElse(null));
        return server.udpPorts().allocate(client.getAddress(), () -> {
                    RtspSession session = owner.get();
                    if (session != null) {
                        session.touch();
                    }
                })
                .handleAsync((ports, failure) -> {
                    Throwable error = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
                    if (error instanceof UdpPortPool.AddressQuotaReached) {
                        server.refusals().refused(RefusalLog.Cause.UDP_PAIRS_FULL, client.getAddress(),
                                "maximum " + server.settings().maxUdpPortPairsPerAddress());
                    }
                    if (error != null) {
                        // 461 makes players set the stream up over TCP instead.
                        throw new RequestRejectedException(RtspResponseStatuses.UNSUPPORTED_TRANSPORT,
                                "no UDP ports: " + error.getMessage());
                    }
                    if (!connection.isActive()) {
                        ports.release();
                        throw new RequestRejectedException(RtspResponseStatuses.BAD_REQUEST, "connection closed");
                    }
                    return setupUdpTrack(ports, clientPorts, client, track, livePath, existing, owner);
                }, connection.eventLoop());
    }

    private FullHttpResponse setupUdpTrack(UdpPortPair ports, PortPair clientPorts, InetSocketAddress client,
            int track, LivePath livePath, Optional<RtspSession> existing, AtomicReference<RtspSession> owner) {
        RtspSession session;
        try {
            session = existing.orElseGet(() -> newReaderSession(livePath,
                    new UdpReaderOutput(livePath.description().trackCount())));
        } catch (RequestRejectedException e) {
            ports.release();
            throw e;
        }
        owner.set(session);
        var target = new UdpReaderOutput.TrackTarget(ports,
                new InetSocketAddress(client.getAddress(), clientPorts.rtp()),
                new InetSocketAddress(client.getAddress(), clientPorts.rtcp()));
        session.udpOutput().setUpTrack(track, target);
        var response = RtspResponses.ok();
        response.headers().set(RtspHeaderNames.TRANSPORT, Transport.udpReply(clientPorts, ports.ports()));
        response.headers().set(RtspHeaderNames.SESSION, server.sessionHeader(session));
        return response;
    }

    private RtspSession newReaderSession(LivePath livePath, ReaderOutput output) {
        var reader = new Reader(connection, output);
        switch (livePath.attach(reader)) {
            case GONE -> throw new RequestRejectedException(RtspResponseStatuses.NOT_FOUND,
                    "the publisher of " + livePath.path() + " left");
            case FULL -> throw new RequestRejectedException(RtspResponseStatuses.NOT_ENOUGH_BANDWIDTH,
                    livePath.path() + " has its maximum of " + server.settings().maxReadersPerPath() + " readers");
            case ATTACHED -> {
                // Proceed.
            }
        }
        var session = RtspSession.reader(server.newSessionId(), livePath, reader);
        sessions.add(session);
        return session;
    }

    /**
     * Starts sending. The answer carries {@code Range} and, per track whose stream has started, {@code RTP-Info}
     * with the sequence number and timestamp the reader will see next (VLC and FFmpeg align their clocks on it).
     * The answer is written on this connection's thread before any packet the relay queues after {@code play()}.
     */
    FullHttpResponse play(RequestUri uri, RtspSession session) {
        if (session.state() != SessionState.PRE_PLAY && session.state() != SessionState.PLAY) {
            throw new RequestRejectedException(RtspResponseStatuses.METHOD_NOT_VALID,
                    "PLAY needs a reader session that has set up a track");
        }
        LivePath livePath = session.livePath();
        if (livePath.isClosed()) {
            throw new RequestRejectedException(RtspResponseStatuses.NOT_FOUND,
                    "the publisher of " + livePath.path() + " left");
        }
        var response = RtspResponses.ok();
        response.headers().set(RtspHeaderNames.SESSION, server.sessionHeader(session));
        response.headers().set(RtspHeaderNames.RANGE, LIVE_RANGE);
        String rtpInfo = rtpInfo(uri, session);
        if (!rtpInfo.isEmpty()) {
            response.headers().set(RtspHeaderNames.RTP_INFO, rtpInfo);
        }
        session.state(SessionState.PLAY);
        session.reader().play();
        return response;
    }

    private String rtpInfo(RequestUri uri, RtspSession session) {
        List<String> entries = new ArrayList<>();
        LivePath livePath = session.livePath();
        for (int track = 0; track < livePath.description().trackCount(); track++) {
            boolean setUp = session.tcpOutput() != null
                    ? session.tcpOutput().isSetUp(track) : session.udpOutput().isSetUp(track);
            Optional<TrackPosition> position = livePath.position(track);
            if (setUp && position.isPresent()) {
                entries.add("url=" + contentBase(uri) + SessionDescription.readerControl(track)
                        + ";seq=" + position.get().nextSequenceNumber() + ";rtptime=" + position.get().timestamp());
            }
        }
        return String.join(",", entries);
    }

    FullHttpResponse pause(RtspSession session) {
        if (session.state() != SessionState.PRE_PLAY && session.state() != SessionState.PLAY) {
            throw new RequestRejectedException(RtspResponseStatuses.METHOD_NOT_VALID, "PAUSE outside a reader session");
        }
        session.reader().pause();
        session.state(SessionState.PRE_PLAY);
        var response = RtspResponses.ok();
        response.headers().set(RtspHeaderNames.SESSION, server.sessionHeader(session));
        return response;
    }

    private String contentBase(RequestUri uri) {
        if (!uri.base().isEmpty()) {
            return uri.contentBase();
        }
        var local = (InetSocketAddress) connection.localAddress();
        return "rtsp://" + local.getAddress().getHostAddress() + ":" + local.getPort() + uri.contentBase();
    }
}
