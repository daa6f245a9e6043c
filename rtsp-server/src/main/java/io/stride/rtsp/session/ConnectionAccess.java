package io.stride.rtsp.session;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.stride.rtsp.StreamAccess;
import io.stride.rtsp.protocol.BasicCredentials;
import io.stride.rtsp.protocol.RequestUri;
import java.util.Optional;

/**
 * Whether one control connection has presented the key (see {@link StreamAccess}): once a request carries it,
 * in the URL's query or as the Basic password, the connection stays authorised, since the track URLs a player
 * derives from {@code Content-Base} do not repeat the query. Used only on the connection's network thread.
 */
final class ConnectionAccess {

    private static final String ANY_RESOURCE = "*";

    private final StreamAccess access;
    private boolean granted;

    ConnectionAccess(StreamAccess access) {
        this.access = access;
        this.granted = access.isOpen();
    }

    /** Whether the connection may publish and read after this request; a valid key in it authorises it. */
    boolean admits(HttpRequest request) {
        if (!granted) {
            granted = queryKey(request.uri()).filter(access::accepts).isPresent()
                    || basicPassword(request).filter(access::accepts).isPresent();
        }
        return granted;
    }

    private static Optional<String> basicPassword(HttpRequest request) {
        return BasicCredentials.parse(request.headers().get(RtspHeaderNames.AUTHORIZATION))
                .map(BasicCredentials::password);
    }

    private Optional<String> queryKey(String requestUri) {
        if (ANY_RESOURCE.equals(requestUri)) {
            return Optional.empty();
        }
        try {
            return RequestUri.parse(requestUri).queryParameter(access.queryParameter());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
