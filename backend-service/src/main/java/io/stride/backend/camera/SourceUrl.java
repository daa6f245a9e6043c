package io.stride.backend.camera;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * A camera's URL: checked ({@code rtsp}, {@code rtsps}, {@code http} or {@code https}, with a host), and shown
 * masked wherever it appears: credentials in its authority ({@code rtsp://user:pass@host/…}) become
 * {@code rtsp://***@host/…}. The real URL is only for FFmpeg and the task's stored record.
 */
public final class SourceUrl {

    static final Set<String> SCHEMES = Set.of("rtsp", "rtsps", "http", "https");
    /** Longer URLs are refused: no camera needs one, and each is kept in the task's record. */
    static final int MAX_LENGTH = 2048;
    private static final String MASK = "***";
    private static final String SCHEME_END = "://";

    private final String real;
    private final String masked;
    /** The credentials as written in the URL, or null: masked in FFmpeg's messages too. */
    private final String userInfo;

    private SourceUrl(String real, String masked, String userInfo) {
        this.real = real;
        this.masked = masked;
        this.userInfo = userInfo;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong, without repeating the URL's credentials
     */
    public static SourceUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is missing: expected rtsp://, rtsps://, http:// or https://");
        }
        if (url.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("url is longer than " + MAX_LENGTH + " characters");
        }
        int schemeEnd = url.indexOf(SCHEME_END);
        String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("url must start with rtsp://, rtsps://, http:// or https://");
        }
        if (url.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("url must not contain spaces or control characters");
        }
        int authorityStart = schemeEnd + SCHEME_END.length();
        int authorityEnd = authorityEnd(url, authorityStart);
        String authority = url.substring(authorityStart, authorityEnd);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? null : authority.substring(0, at);
        String hostAndPort = authority.substring(at + 1);
        requireHost(scheme, hostAndPort);
        String masked = userInfo == null ? url
                : url.substring(0, authorityStart) + MASK + "@" + hostAndPort + url.substring(authorityEnd);
        return new SourceUrl(url, masked, userInfo);
    }

    private static int authorityEnd(String url, int from) {
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return url.length();
    }

    private static void requireHost(String scheme, String hostAndPort) {
        if (hostAndPort.isEmpty()) {
            throw new IllegalArgumentException("url has no host");
        }
        try {
            URI uri = new URI(scheme + SCHEME_END + hostAndPort);
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("url has no host");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url has no valid host and port");
        }
    }

    /** The URL with its credentials masked, for answers and logs. */
    public String masked() {
        return masked;
    }

    /** The URL as given, credentials included: for FFmpeg and the task's stored record only. */
    public String real() {
        return real;
    }

    /** {@code text} (an FFmpeg error, say) with the URL and its credentials masked. */
    public String maskIn(String text) {
        if (text == null || userInfo == null) {
            return text;
        }
        return text.replace(real, masked).replace(userInfo, MASK);
    }

    /** Masked, so that a URL logged by accident gives nothing away. */
    @Override
    public String toString() {
        return masked;
    }
}
