package io.stride.rtsp.session;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.netty.handler.codec.rtsp.RtspVersions;
import java.nio.charset.StandardCharsets;

/** Builds RTSP/1.0 responses; the connection adds {@code CSeq}, {@code Server} and {@code Content-Length}. */
final class RtspResponses {

    static final String SERVER = "Stride RTSP relay";
    /** The challenge of a 401: players then ask for, or take from their URL, a user name and password. */
    static final String BASIC_CHALLENGE = "Basic realm=\"stride\"";

    private RtspResponses() {
    }

    static FullHttpResponse ok() {
        return status(RtspResponseStatuses.OK);
    }

    static FullHttpResponse status(HttpResponseStatus status) {
        return new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, status, Unpooled.EMPTY_BUFFER);
    }

    /** The answer to a rejected request; a {@code 401} carries the Basic challenge. */
    static FullHttpResponse rejection(HttpResponseStatus status) {
        FullHttpResponse response = status(status);
        if (status.equals(RtspResponseStatuses.UNAUTHORIZED)) {
            response.headers().set(RtspHeaderNames.WWW_AUTHENTICATE, BASIC_CHALLENGE);
        }
        return response;
    }

    static FullHttpResponse withBody(String contentType, String body) {
        var response = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, RtspResponseStatuses.OK,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(RtspHeaderNames.CONTENT_TYPE, contentType);
        return response;
    }
}
