package io.stride.rtsp.session;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.stride.rtsp.StreamAccess;
import io.stride.rtsp.protocol.BasicCredentials;
import io.stride.rtsp.protocol.RequestUri;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What one control connection may do, judged by {@link StreamAccess} on the credentials the connection presented.
 * They are remembered, because the track URLs a player derives from {@code Content-Base} do not repeat the query
 * that carried them. Used only on the connection's network thread.
 */
final class ConnectionAccess {

    /** A client cycling through credentials keeps only the latest few: enough for a token and a key. */
    private static final int MAX_REMEMBERED = 4;
    private static final String ANY_RESOURCE = "*";

    private final StreamAccess access;
    private final ArrayDeque<String> credentials = new ArrayDeque<>();
    private boolean passedACheck;

    ConnectionAccess(StreamAccess access) {
        this.access = access;
        this.passedACheck = access.isOpen();
    }

    /** Remembers the credentials in the request's query ({@code token}, the key parameter) and Basic password. */
    void remember(HttpRequest request) {
        queryCredentials(request.uri()).forEach(this::remember);
        BasicCredentials.parse(request.headers().get(RtspHeaderNames.AUTHORIZATION))
                .map(BasicCredentials::password)
                .ifPresent(this::remember);
    }

    /** @throws RequestRejectedException {@code 401} unless a credential of this connection may read the path */
    void checkRead(String method, String path) {
        if (!access.mayRead(path, credentials)) {
            throw new RequestRejectedException(RtspResponseStatuses.UNAUTHORIZED,
                    method + " " + path + " without a credential that may read it");
        }
        passedACheck = true;
    }

    /**
     * @throws RequestRejectedException {@code 403} when the connection is a reader's (it may read the path, or it
     *                                  passed a check before) but may not publish, {@code 401} when it is nobody's
     */
    void checkPublish(String method, String path) {
        if (access.mayPublish(credentials)) {
            passedACheck = true;
            return;
        }
        if (passedACheck || access.mayRead(path, credentials)) {
            throw new RequestRejectedException(RtspResponseStatuses.FORBIDDEN,
                    method + " " + path + " with a reader's access, not a publisher's");
        }
        throw new RequestRejectedException(RtspResponseStatuses.UNAUTHORIZED,
                method + " " + path + " without the publisher credential");
    }

    /**
     * For requests that name no stream of their own (keep-alives, PLAY of a session this connection set up).
     *
     * @throws RequestRejectedException {@code 401} unless the connection has passed a check before
     */
    void checkPassedBefore(String method) {
        if (!passedACheck) {
            throw new RequestRejectedException(RtspResponseStatuses.UNAUTHORIZED,
                    method + " on a connection that has presented no valid credential");
        }
    }

    private void remember(String credential) {
        if (credential.isEmpty() || credentials.contains(credential)) {
            return;
        }
        credentials.addLast(credential);
        if (credentials.size() > MAX_REMEMBERED) {
            credentials.removeFirst();
        }
    }

    private List<String> queryCredentials(String requestUri) {
        if (ANY_RESOURCE.equals(requestUri)) {
            return List.of();
        }
        RequestUri uri;
        try {
            uri = RequestUri.parse(requestUri);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        uri.queryParameter(StreamAccess.TOKEN_PARAMETER).ifPresent(found::add);
        uri.queryParameter(StreamAccess.KEY_PARAMETER).ifPresent(found::add);
        return found;
    }
}
