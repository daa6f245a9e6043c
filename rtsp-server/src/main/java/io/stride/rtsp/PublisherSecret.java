package io.stride.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Predicate;

/**
 * A credential made up for one process, that lets only that process's own publishers in: the application that
 * embeds the server creates one at start-up, hands it to {@link StreamAccess} as the publisher check and puts it into
 * the URLs its publishers use ({@code ?token=<value>}). Nobody else ever sees it, so nobody else can publish, and a
 * restart makes a new one. Compares in constant time; never printed.
 */
public final class PublisherSecret implements Predicate<String> {

    /** 256 random bits. */
    private static final int BYTES = 32;

    private final String value;

    private PublisherSecret(String value) {
        this.value = value;
    }

    /** A new secret from a {@link SecureRandom}, URL-safe as it is (Base64url without padding). */
    public static PublisherSecret random() {
        var bytes = new byte[BYTES];
        new SecureRandom().nextBytes(bytes);
        return new PublisherSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The secret, to put into a publisher's URL; needs no percent-encoding. */
    public String value() {
        return value;
    }

    /** Whether the presented credential is this secret. */
    @Override
    public boolean test(String presented) {
        return presented != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "PublisherSecret[****]";
    }
}
