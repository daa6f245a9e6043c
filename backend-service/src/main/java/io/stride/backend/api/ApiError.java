package io.stride.backend.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/** The JSON body of every error answer. */
@Schema(description = "The body of every error answer")
public record ApiError(
        @Schema(description = "the HTTP status", example = "415") int status,
        @Schema(description = "the status's reason phrase", example = "Unsupported Media Type") String error,
        @Schema(description = "what went wrong, for people", example = "the file has no video stream")
        String message) {

    public static ApiError of(HttpStatus status, String message) {
        return new ApiError(status.value(), status.getReasonPhrase(), message);
    }
}
