package io.stride.core.security;

import io.stride.core.topic.TopicNames;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may do what, the one place every service asks. Two credentials: the operator key
 * ({@code stride.security.api-key}, in the {@value ApiKey#HEADER} header), which may do everything, and a task's
 * read token ({@link TaskTokens}, in the {@value TaskTokens#QUERY_PARAMETER} query parameter), which may only read
 * that task: {@code GET}/{@code HEAD} of a path naming it, and its RTSP stream. Without an operator key the
 * deployment is open.
 */
public final class AccessPolicy {

    /** What a request gets. */
    public enum Decision {
        ALLOWED,
        /** No credential was presented: 401. */
        MISSING,
        /** The credential presented does not open this path (a wrong key, a token of another task): 401. */
        WRONG,
        /** The task's own token, used to change it ({@code DELETE}, {@code POST}): 403. */
        FORBIDDEN
    }

    /** MediaMTX asks this path whether a player or publisher may in: it carries no credential of its own. */
    public static final String RTSP_AUTH_PATH = "/rtsp/auth";

    /** Health, metrics and the web page's files, which hold no data: open to all. */
    private static final List<String> OPEN_TREES = List.of("/actuator/health", "/actuator/metrics");
    private static final Set<String> OPEN_PATHS = Set.of("/actuator/prometheus", "/", "/index.html", "/app.js",
            "/app.css", "/favicon.ico", RTSP_AUTH_PATH);
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");
    private static final String TOKEN_SECRET_LABEL = "stride task tokens";
    private static final String PUBLISHER_LABEL = "stride rtsp publisher";

    private final ApiKey operatorKey;
    private final TaskTokens tokens;
    private final String publisherCredential;

    private AccessPolicy(ApiKey operatorKey, TaskTokens tokens, String publisherCredential) {
        this.operatorKey = operatorKey;
        this.tokens = tokens;
        this.publisherCredential = publisherCredential;
    }

    /** The policy {@code properties} describe; open when no operator key is configured. */
    public static AccessPolicy of(SecurityProperties properties, Clock clock) {
        Optional<ApiKey> key = ApiKey.of(properties.apiKey());
        if (key.isEmpty()) {
            return new AccessPolicy(null, null, null);
        }
        String operator = properties.apiKey().strip();
        byte[] secret = properties.tokenSecret().isBlank()
                ? derive(operator, TOKEN_SECRET_LABEL)
                : properties.tokenSecret().strip().getBytes(StandardCharsets.UTF_8);
        String publisher = Base64.getUrlEncoder().withoutPadding().encodeToString(derive(operator, PUBLISHER_LABEL));
        return new AccessPolicy(key.get(), new TaskTokens(secret, properties.tokenLifetime(), clock), publisher);
    }

    public boolean isOpen() {
        return operatorKey == null;
    }

    /** The read token for a task's URLs; empty when the deployment is open and URLs need none. */
    public Optional<String> tokenFor(String taskId) {
        return isOpen() ? Optional.empty() : Optional.of(tokens.issue(taskId));
    }

    /**
     * The decision on one HTTP request.
     *
     * @param path           the decoded path within the application, as the container normalised it
     * @param presentedKey   the {@value ApiKey#HEADER} header, or null
     * @param presentedToken the {@value TaskTokens#QUERY_PARAMETER} query parameter, or null
     */
    public Decision decide(String method, String path, String presentedKey, String presentedToken) {
        if (isOpen() || isOpenPath(path)) {
            return Decision.ALLOWED;
        }
        if (presentedKey != null) {
            return operatorKey.accepts(presentedKey) ? Decision.ALLOWED : Decision.WRONG;
        }
        if (presentedToken == null) {
            return Decision.MISSING;
        }
        Optional<String> task = taskIn(path).filter(id -> tokens.opens(presentedToken, id));
        if (task.isPresent()) {
            return READ_METHODS.contains(method) ? Decision.ALLOWED : Decision.FORBIDDEN;
        }
        // A token names no task: one for another task is told apart from a forged one by nothing.
        return Decision.WRONG;
    }

    /** Whether {@code credential} (the operator key or the task's token) may read the task, e.g. its stream. */
    public boolean mayRead(String taskId, String credential) {
        return isOpen() || operatorKey.accepts(credential) || tokens.opens(credential, taskId);
    }

    /**
     * What the annotation service presents to publish to an external RTSP server (MediaMTX), which asks the backend
     * ({@link #RTSP_AUTH_PATH}); derived from the operator key, so it is nothing a viewer holds. Empty when open.
     */
    public Optional<String> publisherCredential() {
        return Optional.ofNullable(publisherCredential);
    }

    /** Whether {@code credential} may publish to the external RTSP server (anyone when the deployment is open). */
    public boolean mayPublish(String credential) {
        return isOpen() || (credential != null
                && MessageDigest.isEqual(publisherCredential.getBytes(StandardCharsets.UTF_8),
                        credential.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code credential} is the operator key (always true when open). */
    public boolean isOperator(String credential) {
        return isOpen() || operatorKey.accepts(credential);
    }

    private static boolean isOpenPath(String path) {
        return OPEN_PATHS.contains(path)
                || OPEN_TREES.stream().anyMatch(tree -> path.equals(tree) || path.startsWith(tree + "/"));
    }

    /** The task a path names: its first segment that is a task id, or the id before a file extension. */
    private static Optional<String> taskIn(String path) {
        return Arrays.stream(path.split("/")).map(AccessPolicy::withoutExtension).filter(TopicNames::isTaskId)
                .findFirst();
    }

    private static String withoutExtension(String segment) {
        int dot = segment.indexOf('.');
        return dot < 0 ? segment : segment.substring(0, dot);
    }

    /**
     * A secret derived from the operator key for one purpose: HMAC-SHA256 keyed by the (stripped) operator key of the
     * UTF-8 bytes of {@code label}. Deriving the task tokens' secret and the publisher's credential this way lets a
     * deployment configure one key; {@code label} keeps each derived secret apart from the others.
     */
    public static byte[] deriveSecret(String operatorKey, String label) {
        return derive(operatorKey.strip(), label);
    }

    private static byte[] derive(String operatorKey, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(operatorKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return isOpen() ? "AccessPolicy[open]" : "AccessPolicy[operator key, task tokens]";
    }
}
