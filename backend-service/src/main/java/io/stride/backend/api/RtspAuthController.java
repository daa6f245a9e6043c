package io.stride.backend.api;

import io.stride.backend.api.ApiError;
import io.stride.backend.rtspauth.RtspAuthRequest;
import io.stride.backend.rtspauth.RtspAuthorizer;
import io.stride.backend.rtspauth.RtspAuthorizer.Verdict;
import io.stride.core.security.AccessPolicy;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /rtsp/auth}: MediaMTX's HTTP authentication hook ({@code docker/mediamtx.yml}). 200 lets the client
 * in, 401 (with the reason, which MediaMTX logs) keeps it out. The path needs no operator key (MediaMTX has none to
 * send); what it answers is decided by {@link RtspAuthorizer} from the credential in MediaMTX's request.
 */
@RestController
@Hidden // MediaMTX's, not part of the API people call: kept out of /v3/api-docs and Swagger UI
class RtspAuthController {

    private static final Logger log = LoggerFactory.getLogger(RtspAuthController.class);
    /** Enough of a path or address for a log line, however long the client made it. */
    private static final int MAX_LOGGED_CHARS = 80;

    private final RtspAuthorizer authorizer;

    RtspAuthController(AccessPolicy policy) {
        this.authorizer = new RtspAuthorizer(policy);
    }

    /** @param allowed always true: a refusal is an {@link ApiError} */
    record Allowed(boolean allowed) {
    }

    @PostMapping(AccessPolicy.RTSP_AUTH_PATH)
    ResponseEntity<?> authorize(@RequestBody RtspAuthRequest request) {
        Verdict verdict = authorizer.decide(request);
        // Never the credentials; the path and address are the client's own text, so cut and without line breaks.
        String action = printable(request.action());
        String path = printable(request.path());
        String ip = printable(request.ip());
        if (verdict == Verdict.ALLOWED) {
            log.debug("RTSP {} of {} by {} allowed", action, path, ip);
            return ResponseEntity.ok(new Allowed(true));
        }
        log.info("RTSP {} of {} by {} refused: {}", action, path, ip, verdict.message());
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(ApiError.of(HttpStatus.UNAUTHORIZED,
                verdict.message()));
    }

    /** The client's text fit for one log line: at most {@value #MAX_LOGGED_CHARS} characters, no control ones. */
    static String printable(String text) {
        if (text == null || text.isEmpty()) {
            return "-";
        }
        String cut = text.length() > MAX_LOGGED_CHARS ? text.substring(0, MAX_LOGGED_CHARS) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
