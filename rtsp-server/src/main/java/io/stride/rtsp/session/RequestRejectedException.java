package io.stride.rtsp.session;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A request the server answers with an error status; the reason goes to the log, not to the client. */
final class RequestRejectedException extends RuntimeException {

    private final HttpResponseStatus status;

    RequestRejectedException(HttpResponseStatus status, String reason) {
        // No stack trace: this is an expected answer to a client's mistake, not a failure of the server.
        super(reason, null, false, false);
        this.status = status;
    }

    HttpResponseStatus status() {
        return status;
    }
}
