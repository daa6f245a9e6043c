package io.stride.backend;

import io.stride.backend.security.SecurityProperties;
import io.stride.core.security.ApiKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * The RTSP URL of a task as a player uses it. When an API key is configured the URL carries it as the
 * {@code api_key} query parameter, since players cannot send headers and the RTSP server checks it.
 */
@Component
public class StreamUrls {

    private final BackendProperties backend;
    private final String keySuffix;

    public StreamUrls(BackendProperties backend, SecurityProperties security) {
        this.backend = backend;
        String key = security.apiKey() == null ? "" : security.apiKey().strip();
        this.keySuffix = security.requiredKey().isPresent()
                ? "?" + ApiKey.QUERY_PARAMETER + "=" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20")
                : ""; // %20 rather than the form encoding's "+": an RTSP server reads the query as a URI's
    }

    public String of(String taskId) {
        return backend.streamUrl(taskId) + keySuffix;
    }
}
