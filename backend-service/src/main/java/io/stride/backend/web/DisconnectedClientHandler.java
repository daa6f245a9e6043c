package io.stride.backend.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * A browser that closes the page ends its live-update stream (or a download) mid-response. That is no error
 * and there is nobody left to answer: without this, the catch-all handler would log it as unexpected and then
 * fail to write a JSON error into an event stream.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DisconnectedClientHandler {

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone() {
        // nothing to send
    }
}
