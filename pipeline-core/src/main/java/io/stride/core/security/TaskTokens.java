package io.stride.core.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Read tokens for one task: what every URL the product hands out carries instead of the operator key. A token is
 * {@code <expiry>.<signature>}: the expiry in epoch seconds and an HMAC-SHA256, under the deployment's secret, of
 * the task id and that expiry. So it opens the task it was issued for, until it expires, and nothing else; a
 * changed secret revokes every token.
 */
public final class TaskTokens {

    /** The query parameter a token travels in. */
    public static final String QUERY_PARAMETER = "token";

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param secret   at least 16 bytes; every service that checks tokens must share it
     * @param lifetime how long a token stays valid after it is issued
     */
    public TaskTokens(byte[] secret, Duration lifetime, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the token secret must have at least 16 bytes, has " + secret.length);
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("the token lifetime must be positive: " + lifetime);
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A token for {@code taskId}, valid for the configured lifetime from now. */
    public String issue(String taskId) {
        long expiry = clock.instant().plus(lifetime).getEpochSecond();
        return expiry + "." + ENCODER.encodeToString(sign(taskId, expiry));
    }

    /** Whether {@code token} was issued for {@code taskId} and has not expired; false for anything malformed. */
    public boolean opens(String token, String taskId) {
        if (token == null || taskId == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long expiry;
        byte[] presented;
        try {
            expiry = Long.parseLong(token.substring(0, dot));
            presented = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean genuine = MessageDigest.isEqual(sign(taskId, expiry), presented);
        return genuine && Instant.ofEpochSecond(expiry).isAfter(clock.instant());
    }

    private byte[] sign(String taskId, long expiry) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal((taskId + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "TaskTokens[lifetime=" + lifetime + "]";
    }
}
