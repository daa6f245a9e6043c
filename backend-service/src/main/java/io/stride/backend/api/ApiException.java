package io.stride.backend.api;

import org.springframework.http.HttpStatus;

/** A request the API refuses, with the status and the message the client sees. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    public ApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    /** The 404 of a task id that names no task (never known, or deleted). */
    public static ApiException unknownTask(String taskId) {
        return notFound("no task " + taskId);
    }

    /** Task ids are checked before they reach Kafka or the file system. */
    public static void requireTaskId(String candidate) {
        if (!io.stride.core.topic.TopicNames.isTaskId(candidate)) {
            throw badRequest("not a task id (expected a lower-case UUID): " + candidate);
        }
    }
}
