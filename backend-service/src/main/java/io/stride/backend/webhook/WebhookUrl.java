package io.stride.backend.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a task's webhook events are POSTed: an absolute {@code https://} or {@code http://} URL with a host and no
 * user-info, at most {@value #MAX_LENGTH} characters. Its path and query may hold a receiver's secret, so what is
 * logged or shown is {@link #masked()}, never the whole URL.
 */
public record WebhookUrl(URI uri) {

    public static final int MAX_LENGTH = 2048;

    /** @throws IllegalArgumentException saying what is wrong with {@code text}, without repeating it */
    public static WebhookUrl parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("expected an absolute https:// or http:// URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a URL with user-info (user:password@) is refused; put a credential "
                    + "in the path or query, and verify the X-Stride-Signature header");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the URL has no host");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a URL with a fragment (#…) is refused: it is never sent");
        }
        return new WebhookUrl(uri);
    }

    /** The host as written, without IPv6 brackets: what the address policy resolves. */
    public String host() {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Scheme, host and port, with the path and query hidden: {@code https://example.org/…}. */
    public String masked() {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + port + "/…";
    }

    /** The whole URL, as given: for the options the task keeps, never for a log. */
    public String text() {
        return uri.toString();
    }

    @Override
    public String toString() {
        return masked();
    }
}
