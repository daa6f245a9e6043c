package io.stride.rtsp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP Basic credentials (RFC 7617) from an {@code Authorization} header, as RTSP players send them after a
 * {@code 401} with {@code WWW-Authenticate: Basic}: {@code Basic base64(user ":" password)}.
 *
 * @param user     the user name; may be empty
 * @param password everything after the first colon; may contain colons
 */
public record BasicCredentials(String user, String password) {

    private static final String SCHEME = "basic";

    /** The credentials of a {@code Basic} header; empty for no header, another scheme or malformed content. */
    public static Optional<BasicCredentials> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String[] parts = authorization.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(parts[1].strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + ", password=****]";
    }
}
