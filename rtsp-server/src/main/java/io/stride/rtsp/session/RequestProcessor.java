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
 * {@link RequestRejectedException}s carrying their RFC 2326 status. When the server requires a key, every
 * request but OPTIONS on a connection that has not presented it is answered {@code 401} before anything else.
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
        boolean admitted = access.admits(request);
        if (method.equals(RtspMethods.OPTIONS)) {
            // Open, as it reveals nothing: a player learns the methods, then meets the 401 on DESCRIBE or ANNOUNCE.
            return done(options(request));
        }
        if (!admitted) {
            throw new RequestRejectedException(RtspResponseStatuses.UNAUTHORIZED, method.name() + " without the key");
        }
        if (!IMPLEMENTED.contains(method)) {
            throw new RequestRejectedException(RtspResponseStatuses.NOT_IMPLEMENTED, "method " + method.name());
        }
        if (method.equals(RtspMethods.GET_PARAMETER) || method.equals(RtspMethods.SET_PARAMETER)) {
            return done(keepAlive(request));
        }
        RequestUri uri = uri(request);
        if (method.equals(RtspMethods.DESCRIBE)) {
            return readers.describe(uri);
        }
        if (method.equals(RtspMethods.ANNOUNCE)) {
            return done(publishers.announce(request, uri));
        }
        if (method.equals(RtspMethods.SETUP)) {
            return setup(request, uri);
        }
        RtspSession session = sessions.named(request).orElseThrow(() -> new RequestRejectedException(
                method.equals(RtspMethods.TEARDOWN) ? RtspResponseStatuses.SESSION_NOT_FOUND
                        : RtspResponseStatuses.METHOD_NOT_VALID,
                method.name() + " without a session: SETUP comes first"));
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

    private CompletionStage<FullHttpResponse> setup(FullHttpRequest request, RequestUri uri) {
        Optional<RtspSession> named = sessions.named(request);
        Optional<RtspSession> publisher = named.isPresent()
                ? named.filter(s -> s.state() == SessionState.PRE_RECORD)
                : sessions.singleAnnounced();
        if (publisher.isPresent()) {
            return done(publishers.setup(request, uri, publisher.get()));
        }
        if (named.isPresent() && named.get().state() != SessionState.PRE_PLAY) {
            throw new RequestRejectedException(RtspResponseStatuses.METHOD_NOT_VALID,
                    "SETUP in state " + named.get().state());
        }
        return readers.setup(request, uri, named);
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

    private static RequestUri uri(FullHttpRequest request) {
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
