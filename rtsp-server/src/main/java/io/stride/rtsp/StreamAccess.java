package io.stride.rtsp;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Who may publish and read: everybody ({@link #open()}, the default), or only clients that present a key.
 *
 * <p>With a key, a client presents it in the request URL's query ({@code rtsp://host:8554/<path>?api_key=<key>},
 * for players that take nothing but a URL) or as the password of HTTP Basic credentials
 * ({@code rtsp://stride:<key>@host:8554/<path>}; the user name is not checked), which players send after the
 * server's {@code 401} with {@code WWW-Authenticate: Basic realm="stride"}. One valid key authorises the whole
 * TCP control connection: the track URLs a player builds from the {@code Content-Base} carry no query, so its
 * SETUP and PLAY need not repeat the key. Every request but {@code OPTIONS} on a connection that has not
 * presented the key gets {@code 401 Unauthorized}, before its path is looked at.
 */
public final class StreamAccess {

    private static final StreamAccess OPEN = new StreamAccess(null, presented -> true);

    private final String queryParameter;
    private final Predicate<String> keyCheck;

    private StreamAccess(String queryParameter, Predicate<String> keyCheck) {
        this.queryParameter = queryParameter;
        this.keyCheck = keyCheck;
    }

    /** Everybody may publish and read. */
    public static StreamAccess open() {
        return OPEN;
    }

    /**
     * Only clients presenting the key may publish and read.
     *
     * @param queryParameter the query parameter that carries the key, e.g. {@code api_key}
     * @param keyCheck       whether a presented key is the right one; it should compare in constant time
     *                       (e.g. {@code io.stride.core.security.ApiKey::accepts}) and is given a non-null key
     */
    public static StreamAccess requiringKey(String queryParameter, Predicate<String> keyCheck) {
        Objects.requireNonNull(queryParameter, "queryParameter");
        Objects.requireNonNull(keyCheck, "keyCheck");
        if (queryParameter.isBlank()) {
            throw new IllegalArgumentException("the key's query parameter needs a name");
        }
        return new StreamAccess(queryParameter, keyCheck);
    }

    public boolean isOpen() {
        return queryParameter == null;
    }

    /** The query parameter that carries the key; only meaningful when a key is required. */
    public String queryParameter() {
        return queryParameter;
    }

    /** Whether {@code presented} is the key; always true when access is open. */
    public boolean accepts(String presented) {
        return isOpen() || (presented != null && keyCheck.test(presented));
    }

    @Override
    public String toString() {
        return isOpen() ? "StreamAccess[open]" : "StreamAccess[key in " + queryParameter + " or Basic auth]";
    }
}
