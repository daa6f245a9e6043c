package io.stride.backend.rtspauth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What MediaMTX ({@code authMethod: http}) POSTs to {@code authHTTPAddress} to ask whether a client may in, with the
 * field names MediaMTX 1.x sends (its internal/auth/manager.go). A field MediaMTX leaves out is null; one a later
 * version adds is ignored.
 *
 * @param user     the user name of RTSP basic authentication, usually empty
 * @param password its password, usually empty
 * @param token    a bearer token (WebRTC and HLS), empty for RTSP
 * @param ip       the client's address
 * @param action   {@code publish}, {@code read}, {@code playback}, {@code api}, {@code metrics} or {@code pprof}
 * @param path     the stream path without its leading slash: for Stride a task id
 * @param protocol {@code rtsp}, {@code rtmp}, {@code hls}, {@code webrtc} or {@code srt}
 * @param id       MediaMTX's id of the connection or session, or null
 * @param query    the URL's query string as sent, e.g. {@code token=...}: where RTSP clients carry Stride's credentials
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtspAuthRequest(String user, String password, String token, String ip, String action, String path,
        String protocol, String id, String query) {

    /** Never the credentials: this may end up in a log. */
    @Override
    public String toString() {
        return "RtspAuthRequest[action=" + action + ", path=" + path + ", protocol=" + protocol + ", ip=" + ip + "]";
    }
}
