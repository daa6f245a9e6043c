package io.stride.core.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The optional shared secret of a Stride deployment ({@code stride.security.api-key}). Clients present it in
 * the {@value #HEADER} header, or, where they cannot set headers (video players, {@code <video>} tags), in the
 * {@value #QUERY_PARAMETER} query parameter.
 */
public final class ApiKey {

    public static final String HEADER = "X-API-Key";
    public static final String QUERY_PARAMETER = "api_key";

    private final byte[] secret;

    private ApiKey(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The key to require, or empty when {@code configured} is blank: the deployment is open. */
    public static Optional<ApiKey> of(String configured) {
        return configured == null || configured.isBlank() ? Optional.empty() : Optional.of(new ApiKey(configured.strip()));
    }

    /** Whether {@code presented} is the key; compared in constant time so timing does not reveal a prefix. */
    public boolean accepts(String presented) {
        return presented != null && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }
}
