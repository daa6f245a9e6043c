package io.stride.backend.api;

import org.springframework.http.HttpStatus;

/** The JSON body of every error answer. */
public record ApiError(int status, String error, String message) {

    public static ApiError of(HttpStatus status, String message) {
        return new ApiError(status.value(), status.getReasonPhrase(), message);
    }
}
