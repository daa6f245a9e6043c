package io.stride.annotation.security;

import io.stride.core.security.ApiKey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets a request through only with the API key, in the {@value ApiKey#HEADER} header or, for an
 * {@code <img>} that cannot set headers, the {@value ApiKey#QUERY_PARAMETER} query parameter. Otherwise
 * the answer is 401 with the JSON error body every Stride service gives.
 */
final class ApiKeyInterceptor implements HandlerInterceptor {

    static final String MESSAGE = "a valid API key is required (" + ApiKey.HEADER + " header or "
            + ApiKey.QUERY_PARAMETER + " query parameter)";
    private static final String BODY = "{\"status\":401,\"error\":\"" + HttpStatus.UNAUTHORIZED.getReasonPhrase()
            + "\",\"message\":\"" + MESSAGE + "\"}";

    private final ApiKey key;

    ApiKeyInterceptor(ApiKey key) {
        this.key = key;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String presented = request.getHeader(ApiKey.HEADER);
        if (presented == null) {
            presented = request.getParameter(ApiKey.QUERY_PARAMETER);
        }
        if (key.accepts(presented)) {
            return true;
        }
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(BODY);
        return false;
    }
}
