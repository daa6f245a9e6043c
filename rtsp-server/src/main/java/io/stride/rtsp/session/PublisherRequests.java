package io.stride.rtsp.session;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.stride.rtsp.protocol.PortPair;
import io.stride.rtsp.protocol.RequestUri;
import io.stride.rtsp.protocol.SessionDescription;
import io.stride.rtsp.protocol.Transport;
import io.stride.rtsp.protocol.Transport.LowerTransport;
import io.stride.rtsp.relay.LivePath;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ANNOUNCE, SETUP and RECORD of a publisher (RFC 2326 §10.3, §10.4, §10.11). Publishing is over interleaved TCP
 * only: a UDP SETUP gets {@code 461}, after which FFmpeg retries over TCP.
 */
final class PublisherRequests {

    private static final Logger log = LoggerFactory.getLogger(PublisherRequests.class);
    private static final String SDP = "application/sdp";

    private final ServerContext server;
    private final ConnectionSessions sessions;

    PublisherRequests(ServerContext server, ConnectionSessions sessions) {
        this.server = server;
        this.sessions = sessions;
    }

    FullHttpResponse announce(FullHttpRequest request, RequestUri uri) {
        if (sessions.named(request).isPresent()) {
            throw new RequestRejectedException(RtspResponseStatuses.METHOD_NOT_VALID,
                    "ANNOUNCE inside an existing session");
        }
        String path = RequestProcessor.validPath(server, uri.path());
        String contentType = request.headers().get(RtspHeaderNames.CONTENT_TYPE, "");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith(SDP)) {
            throw new RequestRejectedException(RtspResponseStatuses.UNSUPPORTED_MEDIA_TYPE,
                    "ANNOUNCE body is not SDP: " + contentType);
        }
        SessionDescription description;
        try {
            description = SessionDescription.parse(request.content().toString(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new RequestRejectedException(RtspResponseStatuses.BAD_REQUEST, "invalid SDP: " + e.getMessage());
        }
        LivePath claimed = server.registry().claim(path, description).orElseThrow(() ->
                new RequestRejectedException(RtspResponseStatuses.FORBIDDEN, path + " already has a publisher"));
        var session = RtspSession.publisher(server.newSessionId(), claimed);
        sessions.add(session);
        log.info("publisher announced {} ({} track(s))", path, description.trackCount());
        var response = RtspResponses.ok();
        // Answering with the session lets the publisher's SETUPs name it (FFmpeg adopts it).
        response.headers().set(RtspHeaderNames.SESSION, server.sessionHeader(session));
        return response;
    }

    FullHttpResponse setup(FullHttpRequest request, RequestUri uri, RtspSession session) {
        LivePath livePath = session.livePath();
        int track = announcedTrack(livePath, uri).orElseThrow(() -> new RequestRejectedException(
                RtspResponseStatuses.NOT_FOUND, "no announced track at " + uri.path()));
        Transport transport = RequestProcessor.transports(request).stream()
                .filter(t -> t.isPlainRtp() && t.lower() == LowerTransport.TCP && !t.multicast())
                .findFirst()
                .orElseThrow(() -> new RequestRejectedException(RtspResponseStatuses.UNSUPPORTED_TRANSPORT,
                        "publishing is only accepted as RTP/AVP/TCP interleaved"));
        PortPair channels = transport.interleaved().orElseGet(sessions::freeChannelPair);
        if (sessions.isChannelInUse(channels.rtp()) || sessions.isChannelInUse(channels.rtcp())) {
            throw new RequestRejectedException(RtspResponseStatuses.BAD_REQUEST,
                    "interleaved channels already in use: " + channels);
        }
        sessions.bindPublishedChannels(session, track, channels);
        session.publishedTrackSetUp(track);
        var response = RtspResponses.ok();
        response.headers().set(RtspHeaderNames.TRANSPORT, Transport.tcpReply(channels, Transport.Mode.RECORD));
        response.headers().set(RtspHeaderNames.SESSION, server.sessionHeader(session));
        return response;
    }

    FullHttpResponse record(RtspSession session) {
        if (session.state() != SessionState.PRE_RECORD || !session.anyPublishedTrackSetUp()) {
            throw new RequestRejectedException(RtspResponseStatuses.METHOD_NOT_VALID,
                    "RECORD needs an announced session with a track set up");
        }
        session.state(SessionState.RECORD);
        server.registry().goLive(session.livePath());
        log.info("publisher of {} is recording", session.livePath().path());
        var response = RtspResponses.ok();
        response.headers().set(RtspHeaderNames.SESSION, server.sessionHeader(session));
        return response;
    }

    /**
     * The announced track a SETUP URL names: its {@code a=control} resolved against the ANNOUNCE URL (FFmpeg:
     * {@code <url>/streamid=0}) or absolute; with a single track and no control, the ANNOUNCE URL itself.
     */
    private static Optional<Integer> announcedTrack(LivePath livePath, RequestUri uri) {
        SessionDescription description = livePath.description();
        for (int track = 0; track < description.trackCount(); track++) {
            Optional<String> control = description.control(track);
            if (control.isEmpty()) {
                if (description.trackCount() == 1 && uri.path().equals(livePath.path())) {
                    return Optional.of(track);
                }
                continue;
            }
            if (uri.path().equals(controlPath(livePath.path(), control.get()))) {
                return Optional.of(track);
            }
        }
        return Optional.empty();
    }

    private static String controlPath(String announcedPath, String control) {
        if (control.regionMatches(true, 0, "rtsp://", 0, "rtsp://".length())) {
            try {
                return RequestUri.parse(control).path();
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        String relative = control.startsWith("/") ? control.substring(1) : control;
        String base = announcedPath.endsWith("/") ? announcedPath : announcedPath + "/";
        try {
            return RequestUri.parse(base + relative).path();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
