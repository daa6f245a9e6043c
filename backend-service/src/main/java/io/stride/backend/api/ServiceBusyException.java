package io.stride.backend.api;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/** The backend cannot take the request now; the client may try again after {@link #retryAfter()}. */
public class ServiceBusyException extends ApiException {

    private final Duration retryAfter;

    public ServiceBusyException(String message, Duration retryAfter) {
        super(HttpStatus.SERVICE_UNAVAILABLE, message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
