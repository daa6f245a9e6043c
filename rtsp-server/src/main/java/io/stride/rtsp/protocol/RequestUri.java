package io.stride.rtsp.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.OptionalInt;

/**
 * The parts of an RTSP request URL the relay routes on. The stream path is the URL path without a trailing slash
 * (GStreamer sends {@code /path/} for the aggregate URL) and without a final {@code trackID=N} segment, which
 * names a track of the stream in reader SETUPs; the query is ignored.
 *
 * @param base    {@code rtsp://host:port} as the client wrote it; empty for a path-only request URL
 * @param path    the full normalised path, e.g. {@code /3f2a/trackID=0}
 * @param stream  the stream path, e.g. {@code /3f2a}
 * @param trackId the track named by a final {@code trackID=N} segment
 */
public record RequestUri(String base, String path, String stream, OptionalInt trackId) {

    private static final String TRACK_SEGMENT = "/trackID=";
    private static final int MAX_TRACK_DIGITS = 3;

    /**
     * @throws IllegalArgumentException if the text is not an absolute {@code rtsp://} URL or an absolute path
     */
    public static RequestUri parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed request URL: " + text, e);
        }
        String base;
        if (uri.getScheme() == null) {
            base = "";
        } else if (uri.getScheme().equalsIgnoreCase("rtsp") && uri.getRawAuthority() != null) {
            base = "rtsp://" + uri.getRawAuthority();
        } else {
            throw new IllegalArgumentException("not an rtsp:// URL: " + text);
        }
        String rawPath = uri.getRawPath();
        if (rawPath == null || !rawPath.startsWith("/")) {
            rawPath = "/" + (rawPath == null ? "" : rawPath);
        }
        String path = stripTrailingSlash(rawPath);
        int track = path.lastIndexOf(TRACK_SEGMENT);
        if (track >= 0) {
            String digits = path.substring(track + TRACK_SEGMENT.length());
            if (!digits.isEmpty() && digits.length() <= MAX_TRACK_DIGITS && digits.chars().allMatch(Character::isDigit)) {
                String stream = track == 0 ? "/" : path.substring(0, track);
                return new RequestUri(base, path, stream, OptionalInt.of(Integer.parseInt(digits)));
            }
        }
        return new RequestUri(base, path, path, OptionalInt.empty());
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
