package io.stride.rtsp.session;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.stride.rtsp.protocol.RequestUri;
import io.stride.rtsp.protocol.Transport;
import io.stride.rtsp.protocol.TransportHeader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Routes the requests of one connection by method and session state, and answers the methods that belong to
 * neither role: OPTIONS, TEARDOWN, GET_PARAMETER / SET_PARAMETER (keep-alives). Errors are thrown as
 * {@link RequestRejectedException}s carrying their RFC 2326 status.
 *
 * <p>Access is checked first, before the path or the session is looked at: reading (DESCRIBE, a reader's SETUP)
 * against the stream path, publishing (ANNOUNCE, a publisher's SETUP, RECORD) against the publisher credential,
 * and every other request but OPTIONS, or one naming a session, only on a connection that has passed a check
 * (sessions exist only on such connections). See {@link io.stride.rtsp.StreamAccess}.
 */
final class RequestProcessor {

    /** What OPTIONS advertises; FFmpeg sends GET_PARAMETER keep-alives only when it is listed. */
    static final String PUBLIC_METHODS =
            "OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, PAUSE, RECORD, TEARDOWN, GET_PARAMETER, SET_PARAMETER";
    private static final String ANY_RESOURCE = "*";
    /** Methods answered beyond OPTIONS; anything else gets 501. */
    private static final Set<HttpMethod> IMPLEMENTED = Set.of(RtspMethods.DESCRIBE, RtspMethods.ANNOUNCE,
            RtspMethods.SETUP, RtspMethods.PLAY, RtspMethods.PAUSE, RtspMethods.RECORD, RtspMethods.TEARDOWN,
            RtspMethods.GET_PARAMETER, RtspMethods.SET_PARAMETER);

    private final ServerContext server;
    private final ConnectionSessions sessions;
    private final PublisherRequests publishers;
    private final ReaderRequests readers;
    private final ConnectionAccess access;

    RequestProcessor(ServerContext server, ConnectionSessions sessions, Channel connection) {
        this.server = server;
        this.sessions = sessions;
        this.access = new ConnectionAccess(server.access());
        this.publishers = new PublisherRequests(server, sessions);
        this.readers = new ReaderRequests(server, sessions, connection);
    }

    CompletionStage<FullHttpResponse> process(FullHttpRequest request) {
        HttpMethod method = request.method();
        String name = method.name();
        access.remember(request);
        if (method.equals(RtspMethods.OPTIONS)) {
            // Open, as it reveals nothing: a player learns the methods, then meets the 401 on DESCRIBE or ANNOUNCE.
            return done(options(request));
        }
        if (request.headers().contains(RtspHeaderNames.SESSION)) {
            access.checkPassedBefore(name);
        }
        if (!IMPLEMENTED.contains(method)) {
            access.checkPassedBefore(name);
            throw new RequestRejectedException(RtspResponseStatuses.NOT_IMPLEMENTED, "method " + name);
        }
        if (method.equals(RtspMethods.GET_PARAMETER) || method.equals(RtspMethods.SET_PARAMETER)) {
            access.checkPassedBefore(name);
            return done(keepAlive(request));
        }
        RequestUri uri = uri(request);
        if (method.equals(RtspMethods.DESCRIBE)) {
            access.checkRead(name, uri.path());
            return readers.describe(uri);
        }
        if (method.equals(RtspMethods.ANNOUNCE)) {
            access.checkPublish(name, uri.path());
            return done(publishers.announce(request, uri));
        }
        if (method.equals(RtspMethods.SETUP)) {
            return setup(request, uri);
        }
        if (method.equals(RtspMethods.RECORD)) {
            access.checkPublish(name, uri.path());
        } else {
            access.checkPassedBefore(name);
        }
        RtspSession session = sessions.named(request).orElseThrow(() -> new RequestRejectedException(
                method.equals(RtspMethods.TEARDOWN) ? RtspResponseStatuses.SESSION_NOT_FOUND
                        : RtspResponseStatuses.METHOD_NOT_VALID,
                name + " without a session: SETUP comes first"));
        if (method.equals(RtspMethods.PLAY)) {
            return done(readers.play(uri, session));
        }
        if (method.equals(RtspMethods.PAUSE)) {
            return done(readers.pause(session));
        }
        if (method.equals(RtspMethods.RECORD)) {
            return done(publishers.record(session));
        }
        return done(teardown(session));
    }

    /**
     * A publisher's SETUP (on its announced session, or asking to record) needs the publisher credential; a reader's
     * needs a credential that may read the stream.
     */
    private CompletionStage<FullHttpResponse> setup(FullHttpRequest request, RequestUri uri) {
        Optional<RtspSession> named = sessions.named(request);
        Optional<RtspSession> publisher = named.isPresent()
                ? named.filter(s -> s.state() == SessionState.PRE_RECORD)
                : sessions.singleAnnounced();
        boolean asksToRecord = asksToRecord(request);
        if (publisher.isPresent() || asksToRecord) {
            access.checkPublish("SETUP", uri.stream());
        }
        if (publisher.isPresent()) {
            return done(publishers.setup(request, uri, publisher.get()));
        }
        if (asksToRecord) {
            throw new RequestRejectedException(RtspResponseStatuses.METHOD_NOT_VALID,
                    "SETUP to record without an announced session");
        }
        access.checkRead("SETUP", uri.stream());
        if (named.isPresent() && named.get().state() != SessionState.PRE_PLAY) {
            throw new RequestRejectedException(RtspResponseStatuses.METHOD_NOT_VALID,
                    "SETUP in state " + named.get().state());
        }
        return readers.setup(request, uri, named);
    }

    /** Whether a Transport asks for {@code mode=record}; a malformed header is a reader's, refused later as such. */
    private static boolean asksToRecord(FullHttpRequest request) {
        try {
            return transports(request).stream().anyMatch(t -> t.mode() == Transport.Mode.RECORD);
        } catch (RequestRejectedException malformed) {
            return false;
        }
    }

    private FullHttpResponse options(FullHttpRequest request) {
        Optional<RtspSession> session = sessions.named(request);
        var response = RtspResponses.ok();
        response.headers().set(RtspHeaderNames.PUBLIC, PUBLIC_METHODS);
        session.ifPresent(s -> response.headers().set(RtspHeaderNames.SESSION, server.sessionHeader(s)));
        return response;
    }

    private FullHttpResponse keepAlive(FullHttpRequest request) {
        Optional<RtspSession> session = sessions.named(request);
        var response = RtspResponses.ok();
        session.ifPresent(s -> response.headers().set(RtspHeaderNames.SESSION, server.sessionHeader(s)));
        return response;
    }

    private FullHttpResponse teardown(RtspSession session) {
        sessions.end(session);
        return RtspResponses.ok();
    }

    /** The request URL; {@code 400} if it is none, but {@code 401} first on a connection that passed no check. */
    private RequestUri uri(FullHttpRequest request) {
        try {
            return parseUri(request);
        } catch (RequestRejectedException e) {
            access.checkPassedBefore(request.method().name());
            throw e;
        }
    }

    private static RequestUri parseUri(FullHttpRequest request) {
        if (ANY_RESOURCE.equals(request.uri())) {
            throw new RequestRejectedException(RtspResponseStatuses.BAD_REQUEST,
                    request.method().name() + " needs a stream URL");
        }
        try {
            return RequestUri.parse(request.uri());
        } catch (IllegalArgumentException e) {
            throw new RequestRejectedException(RtspResponseStatuses.BAD_REQUEST, e.getMessage());
        }
    }

    /** The path if the server's {@link io.stride.rtsp.PathValidator} accepts it; 400 otherwise. */
    static String validPath(ServerContext server, String path) {
        if (!server.pathValidator().isValid(path)) {
            throw new RequestRejectedException(RtspResponseStatuses.BAD_REQUEST, "path not accepted: " + path);
        }
        return path;
    }

    static List<Transport> transports(FullHttpRequest request) {
        try {
            return TransportHeader.parse(request.headers().get(RtspHeaderNames.TRANSPORT));
        } catch (IllegalArgumentException e) {
            throw new RequestRejectedException(RtspResponseStatuses.BAD_REQUEST, e.getMessage());
        }
    }

    private static CompletionStage<FullHttpResponse> done(FullHttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
