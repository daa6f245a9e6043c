package io.stride.backend.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Turns every failure into an {@link ApiError}: a precise message, never a stack trace. Always JSON, whatever the
 * request accepts: a refused live-update stream ({@code Accept: text/event-stream}) still gets its reason.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final MultipartProperties multipart;

    ApiExceptionHandler(MultipartProperties multipart) {
        this.multipart = multipart;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e) {
        return answer(e.status(), e.getMessage());
    }

    /** With {@code Retry-After} in whole seconds, at least 1. */
    @ExceptionHandler(ServiceBusyException.class)
    ResponseEntity<ApiError> busy(ServiceBusyException e) {
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        return ResponseEntity.status(e.status()).header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .contentType(MediaType.APPLICATION_JSON).body(ApiError.of(e.status(), e.getMessage()));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ApiError> missingPart(MissingServletRequestPartException e) {
        return answer(HttpStatus.BAD_REQUEST, "the multipart field '" + e.getRequestPartName() + "' is missing");
    }

    /** Tomcat does not say which limit was exceeded; the configured file size limit is the one users meet. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        long limit = e.getMaxUploadSize() > 0 ? e.getMaxUploadSize() : multipart.getMaxFileSize().toBytes();
        return answer(HttpStatus.PAYLOAD_TOO_LARGE, "the upload exceeds the size limit of " + limit + " bytes");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiError> notMultipart(MultipartException e) {
        return answer(HttpStatus.BAD_REQUEST, "expected a multipart/form-data request with a 'file' field");
    }

    /** Spring's own refusals (wrong method, unknown path, …) keep their status; anything else is a 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> other(Exception e) {
        if (e instanceof ErrorResponse response) {
            HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
            String detail = response.getBody().getDetail();
            return answer(status != null ? status : HttpStatus.BAD_REQUEST, detail != null ? detail : e.getMessage());
        }
        log.error("Unexpected error", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + e.getClass().getSimpleName());
    }

    private static ResponseEntity<ApiError> answer(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ApiError.of(status, message));
    }
}
