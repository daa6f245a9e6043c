package io.stride.backend.rtspauth;

import io.stride.core.security.AccessPolicy;
import io.stride.core.security.QueryStrings;
import io.stride.core.security.TaskTokens;
import java.util.stream.Stream;

/**
 * Whether an RTSP client MediaMTX asks about may in: the {@link AccessPolicy} applied to MediaMTX's actions. Only
 * the annotation service publishes (its publisher credential); a player reads a task with that task's read token
 * or the operator key; MediaMTX's API, metrics and pprof need the operator key. An open deployment (no operator
 * key) lets everyone do everything.
 */
public final class RtspAuthorizer {

    /** The answer, with what a refused client is told (MediaMTX logs it); never a credential. */
    public enum Verdict {
        ALLOWED(null),
        NO_CREDENTIAL("no credential: players present the task's read token, the annotation service its publisher "
                + "credential, as ?" + TaskTokens.QUERY_PARAMETER + "= in the URL"),
        NOT_PUBLISHER("only the annotation service's publisher credential publishes"),
        NOT_READER("the credential does not read this task"),
        NOT_OPERATOR("this action needs the operator key"),
        UNKNOWN_ACTION("unknown action");

        private final String message;

        Verdict(String message) {
            this.message = message;
        }

        /** Why the client is refused; null when it is allowed. */
        public String message() {
            return message;
        }
    }

    private final AccessPolicy policy;

    public RtspAuthorizer(AccessPolicy policy) {
        this.policy = policy;
    }

    public Verdict decide(RtspAuthRequest request) {
        String credential = credentialOf(request);
        String action = request.action() == null ? "" : request.action();
        boolean allowed;
        Verdict refusal;
        switch (action) {
            case "publish" -> {
                allowed = policy.mayPublish(credential);
                refusal = Verdict.NOT_PUBLISHER;
            }
            // Playback is reading a recording; Stride records nothing, but a recording is its task's like the stream.
            case "read", "playback" -> {
                allowed = policy.mayRead(taskOf(request.path()), credential);
                refusal = Verdict.NOT_READER;
            }
            case "api", "metrics", "pprof" -> {
                allowed = policy.isOperator(credential);
                refusal = Verdict.NOT_OPERATOR;
            }
            default -> {
                return Verdict.UNKNOWN_ACTION;
            }
        }
        if (allowed) {
            return Verdict.ALLOWED;
        }
        return credential == null ? Verdict.NO_CREDENTIAL : refusal;
    }

    /**
     * The credential a client presents: the {@value TaskTokens#QUERY_PARAMETER} query parameter (how stream_url and
     * the annotation service's publish URL carry it), else the basic-authentication password (a player that asks
     * for a login), else MediaMTX's token field; the first that is not blank, null when none is.
     */
    static String credentialOf(RtspAuthRequest request) {
        return Stream.of(QueryStrings.parameter(request.query(), TaskTokens.QUERY_PARAMETER), request.password(),
                        request.token())
                .filter(value -> value != null && !value.isBlank())
                .findFirst().orElse(null);
    }

    /** The task a stream path names: MediaMTX sends paths without the leading slash; one with it is the same task. */
    static String taskOf(String path) {
        if (path == null) {
            return "";
        }
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
