package io.stride.backend.webhook;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@value #HEADER} header of a webhook request: {@code sha256=} and the lower-case hex HMAC-SHA256 of the exact
 * body bytes, keyed by the deployment's webhook secret, so a receiver can tell the backend's requests from forged
 * ones.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Stride-Signature";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";

    private final SecretKeySpec key;

    /** @param secret at least 16 bytes */
    public WebhookSignature(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the webhook secret must have at least 16 bytes, has "
                    + secret.length);
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /** The header's value for {@code body}. */
    public String of(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[****]";
    }
}
