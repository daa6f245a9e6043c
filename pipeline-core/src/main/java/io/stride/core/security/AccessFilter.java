package io.stride.core.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the {@link AccessPolicy} to every HTTP request of a service. A refused request gets 401 or 403 with the
 * JSON error body every Stride service gives ({@code status}, {@code error}, {@code message}); the credential is
 * never echoed or logged.
 */
public final class AccessFilter extends OncePerRequestFilter {

    static final String MISSING = "this server requires the operator key in the " + ApiKey.HEADER
            + " header, or a task's read token in the " + TaskTokens.QUERY_PARAMETER + " query parameter";
    static final String WRONG = "the operator key or the task token is wrong or expired, or not for this path";
    static final String FORBIDDEN = "a task's read token only reads that task: this needs the operator key";

    private final AccessPolicy policy;

    public AccessFilter(AccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return policy.isOpen();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = QueryStrings.parameter(request.getQueryString(), TaskTokens.QUERY_PARAMETER);
        switch (policy.decide(request.getMethod(), path(request), request.getHeader(ApiKey.HEADER), token)) {
            case ALLOWED -> chain.doFilter(request, response);
            case MISSING -> refuse(response, HttpStatus.UNAUTHORIZED, MISSING);
            case WRONG -> refuse(response, HttpStatus.UNAUTHORIZED, WRONG);
            case FORBIDDEN -> refuse(response, HttpStatus.FORBIDDEN, FORBIDDEN);
        }
    }

    private static void refuse(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // The messages are constants without quotes or backslashes: no JSON escaping needed.
        response.getWriter().write("{\"status\":" + status.value() + ",\"error\":\"" + status.getReasonPhrase()
                + "\",\"message\":\"" + message + "\"}");
    }

    /** The decoded path within the application, as the container normalised it. */
    private static String path(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.isEmpty() ? "/" : path;
    }
}
