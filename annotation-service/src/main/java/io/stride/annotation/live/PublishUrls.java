package io.stride.annotation.live;

import io.stride.core.security.AccessPolicy;
import io.stride.rtsp.PublisherSecret;
import io.stride.rtsp.StreamAccess;

/**
 * Where this service publishes a task: {@code <stride.rtsp.publish-url>/<taskId>}, with the credential its
 * publishers present in the query (FFmpeg's muxer repeats it on every request). To the embedded RTSP server that
 * is this process's {@link PublisherSecret} ({@code ?token=}), which nobody else has, so nobody else can publish;
 * to an external server (MediaMTX) it is the {@link AccessPolicy#publisherCredential()}, which MediaMTX has the
 * backend check.
 */
final class PublishUrls {

    private final RtspProperties rtsp;
    private final String credentialQuery;

    /**
     * To an external server (MediaMTX, which asks the backend): the access policy's publisher credential when the
     * deployment has an operator key; nothing when it is open.
     */
    PublishUrls(RtspProperties rtsp, AccessPolicy access) {
        this(rtsp, access.publisherCredential()
                .map(credential -> "?" + StreamAccess.TOKEN_PARAMETER + "=" + credential).orElse(""));
    }

    private PublishUrls(RtspProperties rtsp, String credentialQuery) {
        this.rtsp = rtsp;
        this.credentialQuery = credentialQuery;
    }

    /** To the embedded server: the process's publisher secret, URL-safe as it is. */
    static PublishUrls withPublisherSecret(RtspProperties rtsp, PublisherSecret secret) {
        return new PublishUrls(rtsp, "?" + StreamAccess.TOKEN_PARAMETER + "=" + secret.value());
    }

    /** The URL to publish the task to, credential included. */
    String of(String taskId) {
        return rtsp.urlOf(taskId) + credentialQuery;
    }

    /** A URL as it may be logged: without its query, which carries a credential. */
    static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** A message that may quote the URL (FFmpeg errors do), as it may be logged. */
    static String redacted(String message, String url) {
        return message == null ? null : message.replace(url, redacted(url));
    }
}
