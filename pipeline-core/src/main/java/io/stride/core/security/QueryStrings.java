package io.stride.core.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reads a credential out of a raw query string, as the HTTP filter and the RTSP authorisation hook receive it. */
public final class QueryStrings {

    private QueryStrings() {
    }

    /**
     * The first value of a parameter in a raw query string, percent-decoded; null when it is not there. Read from the
     * query string alone: asking a servlet request for a parameter could read a form body that is not ours to read.
     */
    public static String parameter(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (decode(equals < 0 ? pair : pair.substring(0, equals)).equals(name)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a malformed escape: compared as sent, which no genuine credential is
        }
    }
}
