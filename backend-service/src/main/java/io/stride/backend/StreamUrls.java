package io.stride.backend;

import io.stride.core.security.AccessPolicy;
import io.stride.core.security.TaskTokens;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The URLs and read token the API hands out for one task. When the deployment has an operator key, they carry the
 * task's read token ({@value TaskTokens#QUERY_PARAMETER} query parameter), never the key: players and
 * {@code <video>} tags cannot send headers, and the token opens this task's stream and results and nothing else.
 */
@Component
public class StreamUrls {

    private final BackendProperties backend;
    private final AccessPolicy access;

    public StreamUrls(BackendProperties backend, AccessPolicy access) {
        this.backend = backend;
        this.access = access;
    }

    /** The task's RTSP stream. */
    public String of(String taskId) {
        String query = readToken(taskId).map(token -> "?" + TaskTokens.QUERY_PARAMETER + "=" + token).orElse("");
        return backend.streamUrl(taskId) + query;
    }

    /** The token that reads this task, for the links a page builds; empty when the deployment is open. */
    public Optional<String> readToken(String taskId) {
        return access.tokenFor(taskId);
    }
}
