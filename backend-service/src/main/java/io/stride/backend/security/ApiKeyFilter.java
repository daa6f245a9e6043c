package io.stride.backend.security;

import io.stride.backend.api.ApiError;
import io.stride.core.security.ApiKey;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * When {@code stride.security.api-key} is set, every request but health, metrics and the web page's static files
 * must present it ({@value ApiKey#HEADER} header or {@value ApiKey#QUERY_PARAMETER} query parameter); others get
 * 401 with the usual JSON error body. Health and metrics stay open for Docker, orchestrators and Prometheus; the
 * page's HTML, script and style hold no data, and the page passes the key on to every API call.
 */
@Component
class ApiKeyFilter extends OncePerRequestFilter {

    /** Paths served without a key, exactly or as the root of a subtree. */
    private static final List<String> OPEN_TREES = List.of("/actuator/health", "/actuator/metrics");
    private static final Set<String> OPEN_PATHS = Set.of("/actuator/prometheus", "/", "/index.html", "/app.js",
            "/app.css", "/favicon.ico");
    static final String MISSING = "this server requires an API key: send it in the " + ApiKey.HEADER
            + " header or the " + ApiKey.QUERY_PARAMETER + " query parameter";
    static final String WRONG = "the API key is wrong";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Optional<ApiKey> key;

    ApiKeyFilter(SecurityProperties properties) {
        this.key = properties.requiredKey();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (key.isEmpty()) {
            return true;
        }
        String path = path(request);
        return OPEN_PATHS.contains(path)
                || OPEN_TREES.stream().anyMatch(tree -> path.equals(tree) || path.startsWith(tree + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(ApiKey.HEADER);
        if (presented == null) {
            presented = queryParameter(request.getQueryString(), ApiKey.QUERY_PARAMETER);
        }
        if (key.orElseThrow().accepts(presented)) {
            chain.doFilter(request, response);
            return;
        }
        HttpStatus status = HttpStatus.UNAUTHORIZED;
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(ApiError.of(status, presented == null ? MISSING : WRONG)));
    }

    /** The decoded path within the application, as the container normalised it. */
    private static String path(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.isEmpty() ? "/" : path;
    }

    /**
     * The first value of a query parameter, read from the query string alone: asking the request for a parameter
     * could read a form body that is not the filter's to read.
     */
    static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (key.equals(name)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a malformed escape: compared as sent, which a correct key never is
        }
    }
}
