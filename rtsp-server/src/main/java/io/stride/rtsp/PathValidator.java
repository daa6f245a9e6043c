package io.stride.rtsp;

/**
 * Decides which stream paths exist at all, e.g. only {@code /<task UUID>}. A request for any other path
 * (ANNOUNCE, DESCRIBE, SETUP) gets {@code 400 Bad Request} without touching the relay. The path is the URL path
 * with its leading slash and without a trailing one, e.g. {@code /3f2a…}. Called on network threads: keep it
 * cheap and non-blocking.
 */
@FunctionalInterface
public interface PathValidator {

    /** Every path is accepted. */
    PathValidator ANY = path -> true;

    boolean isValid(String path);
}
