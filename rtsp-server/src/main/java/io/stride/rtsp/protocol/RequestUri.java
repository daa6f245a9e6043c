package io.stride.rtsp.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an RTSP request URL the relay routes on. The stream path is the URL path without a trailing slash
 * (GStreamer sends {@code /path/} for the aggregate URL) and without a final {@code trackID=N} segment, which
 * names a track of the stream in reader SETUPs. The query takes no part in routing; it may carry an access key.
 *
 * <p>FFmpeg builds a track URL by appending {@code /<control>} to the whole URL it was given, query included, so
 * a publisher given {@code rtsp://host/id?api_key=k} sends its SETUP to {@code rtsp://host/id?api_key=k/streamid=0}
 * (traced with FFmpeg 8.0). Path segments after the query are therefore moved back into the path: that URL has
 * the path {@code /id/streamid=0} and the query {@code api_key=k}. A query value containing {@code /} must be
 * percent-encoded ({@code %2F}), as {@code URLEncoder} does.
 *
 * @param base    {@code rtsp://host:port} as the client wrote it, without user information; empty for a
 *                path-only request URL
 * @param path    the full normalised path, e.g. {@code /3f2a/trackID=0}
 * @param stream  the stream path, e.g. {@code /3f2a}
 * @param trackId the track named by a final {@code trackID=N} segment
 * @param query   the raw query without FFmpeg's appended segments, e.g. {@code api_key=k}; empty when none
 */
public record RequestUri(String base, String path, String stream, OptionalInt trackId, String query) {

    private static final String TRACK_SEGMENT = "/trackID=";
    private static final int MAX_TRACK_DIGITS = 3;
    /** A query, up to the path segments FFmpeg may have appended to it. */
    private static final Pattern QUERY = Pattern.compile("\\?[^/#]*");
    private static final String REDACTED_QUERY = "?****";
    /** User information, "user:password@", which may carry a key as its password. */
    private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/?#@]*@");
    private static final String REDACTED_USER_INFO = "****@";

    /**
     * @throws IllegalArgumentException if the text is not an absolute {@code rtsp://} URL or an absolute path
     */
    public static RequestUri parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed request URL: " + redacted(text), e);
        }
        String base;
        if (uri.getScheme() == null) {
            base = "";
        } else if (uri.getScheme().equalsIgnoreCase("rtsp") && uri.getRawAuthority() != null) {
            // Without "user:password@": it may hold a key, and the base is echoed in Content-Base and RTP-Info.
            String authority = uri.getRawAuthority();
            base = "rtsp://" + authority.substring(authority.lastIndexOf('@') + 1);
        } else {
            throw new IllegalArgumentException("not an rtsp:// URL: " + redacted(text));
        }
        String rawPath = uri.getRawPath();
        if (rawPath == null || !rawPath.startsWith("/")) {
            rawPath = "/" + (rawPath == null ? "" : rawPath);
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        int appended = query.indexOf('/');
        if (appended >= 0) {
            String before = stripTrailingSlash(rawPath);
            rawPath = (before.equals("/") ? "" : before) + query.substring(appended);
            query = query.substring(0, appended);
        }
        String path = stripTrailingSlash(rawPath);
        int track = path.lastIndexOf(TRACK_SEGMENT);
        if (track >= 0) {
            String digits = path.substring(track + TRACK_SEGMENT.length());
            if (!digits.isEmpty() && digits.length() <= MAX_TRACK_DIGITS && digits.chars().allMatch(Character::isDigit)) {
                String stream = track == 0 ? "/" : path.substring(0, track);
                return new RequestUri(base, path, stream, OptionalInt.of(Integer.parseInt(digits)), query);
            }
        }
        return new RequestUri(base, path, path, OptionalInt.empty(), query);
    }

    /**
     * The first value of a query parameter, percent-decoded ({@link #parse} let only valid escapes through); a
     * {@code +} stays a {@code +} (a URI's query, not a form's). Empty when the parameter is absent.
     */
    public Optional<String> queryParameter(String name) {
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (key.equals(name)) {
                return Optional.of(decode(equals < 0 ? "" : pair.substring(equals + 1)));
            }
        }
        return Optional.empty();
    }

    /** The request URL as it may be logged: query and user information masked, as they may carry a key. */
    public static String redacted(String text) {
        String withoutUser = USER_INFO.matcher(text).replaceFirst(Matcher.quoteReplacement(REDACTED_USER_INFO));
        return QUERY.matcher(withoutUser).replaceAll(Matcher.quoteReplacement(REDACTED_QUERY));
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The base URL readers resolve track controls against: the stream URL with a trailing slash. */
    public String contentBase() {
        return base + (stream.endsWith("/") ? stream : stream + "/");
    }

    private static String stripTrailingSlash(String path) {
        String result = path;
        while (result.length() > 1 && result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
