package io.stride.annotation.live;

import io.stride.annotation.security.ApiKeyProperties;
import io.stride.core.security.ApiKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where this service publishes a task: {@code <stride.rtsp.publish-url>/<taskId>}, and when
 * {@code stride.security.api-key} is set, with the key as the {@value ApiKey#QUERY_PARAMETER} query parameter,
 * which the embedded RTSP server then requires of publishers as of players (FFmpeg's muxer repeats it on every
 * request). The key is encoded as the backend encodes it into {@code stream_url}.
 */
final class PublishUrls {

    private final RtspProperties rtsp;
    private final String keyQuery;

    PublishUrls(RtspProperties rtsp, ApiKeyProperties security) {
        this.rtsp = rtsp;
        this.keyQuery = security.required().isPresent()
                ? "?" + ApiKey.QUERY_PARAMETER + "=" + encode(security.apiKey().strip())
                : "";
    }

    /** The URL to publish the task to, key included. */
    String of(String taskId) {
        return rtsp.urlOf(taskId) + keyQuery;
    }

    /** A URL as it may be logged: without its query, which may carry the key. */
    static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** A message that may quote the URL (FFmpeg errors do), as it may be logged. */
    static String redacted(String message, String url) {
        return message == null ? null : message.replace(url, redacted(url));
    }

    private static String encode(String key) {
        // %20 rather than the form encoding's "+": the RTSP server reads the query as a URI's, where "+" is a "+".
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
