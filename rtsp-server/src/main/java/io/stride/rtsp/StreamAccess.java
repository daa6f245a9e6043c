package io.stride.rtsp;

import java.util.Collection;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Who may read and who may publish. Reading (DESCRIBE, SETUP, PLAY) and publishing (ANNOUNCE, SETUP in record mode,
 * RECORD) are checked apart: a reader's credential is checked together with the path it asks for, so it can be
 * scoped to one stream, and publishing needs a credential of its own, so that nobody who may watch a stream can
 * claim a path or feed it.
 *
 * <p>A client presents a credential in the request URL's query, {@code ?token=<credential>} (or, for the operator
 * key, {@code ?api_key=<key>}, as the backend's {@code stream_url} has carried it), for players that take nothing but
 * a URL, or as the password of HTTP Basic credentials ({@code rtsp://user:<credential>@host:8554/<path>}; the user
 * name is not checked), which players send after the server's {@code 401} with
 * {@code WWW-Authenticate: Basic realm="stride"}. A connection remembers the credentials it presented: the track URLs
 * a player builds from the {@code Content-Base} carry no query, so its SETUP and PLAY need not repeat them.
 *
 * <p>Without a credential that may read the path, a reader gets {@code 401}. A publisher without the publisher
 * credential gets {@code 403} when its connection is a reader's (it may read the path, or passed a reader's check
 * before: known, and not allowed), else {@code 401}. Requests that need no path (keep-alives, PLAY of an existing
 * session) get {@code 401} on a connection that has passed no check yet. {@code OPTIONS} is always answered.
 */
public final class StreamAccess {

    /** The query parameter of a credential: {@code rtsp://host:8554/<path>?token=<credential>}. */
    public static final String TOKEN_PARAMETER = "token";
    /** The query parameter the operator key has been given in, accepted beside {@link #TOKEN_PARAMETER}. */
    public static final String KEY_PARAMETER = "api_key";

    private static final BiPredicate<String, String> ANY_READER = (path, credential) -> true;
    private static final StreamAccess OPEN = new StreamAccess(true, ANY_READER, true, c -> true);

    private final boolean readingOpen;
    private final BiPredicate<String, String> readers;
    private final boolean publishingOpen;
    private final Predicate<String> publishers;

    private StreamAccess(boolean readingOpen, BiPredicate<String, String> readers, boolean publishingOpen,
            Predicate<String> publishers) {
        this.readingOpen = readingOpen;
        this.readers = readers;
        this.publishingOpen = publishingOpen;
        this.publishers = publishers;
    }

    /** Everybody may read and publish: for a server only this machine can reach, and for tests. */
    public static StreamAccess open() {
        return OPEN;
    }

    /**
     * Everybody may read; publishing needs a credential.
     *
     * @param publishers whether a credential may publish, e.g. a {@link PublisherSecret}; given non-null credentials
     */
    public static StreamAccess openForReading(Predicate<String> publishers) {
        Objects.requireNonNull(publishers, "publishers");
        return new StreamAccess(true, ANY_READER, false, publishers);
    }

    /**
     * Reading and publishing need credentials, each its own.
     *
     * @param readers    whether a credential may read a path, given the path (e.g. {@code /3f2a…}) and a non-null
     *                   credential: the operator key for every path, say, and a task's read token for its own
     * @param publishers whether a credential may publish, e.g. a {@link PublisherSecret}; given non-null credentials.
     *                   Checks should compare in constant time and must be cheap: they run on network threads
     */
    public static StreamAccess requiring(BiPredicate<String, String> readers, Predicate<String> publishers) {
        Objects.requireNonNull(readers, "readers");
        Objects.requireNonNull(publishers, "publishers");
        return new StreamAccess(false, readers, false, publishers);
    }

    /** Whether everybody may read and publish. */
    public boolean isOpen() {
        return readingOpen && publishingOpen;
    }

    /** Whether reading the path is open or one of the credentials may read it. */
    public boolean mayRead(String path, Collection<String> credentials) {
        return readingOpen || credentials.stream().anyMatch(credential -> readers.test(path, credential));
    }

    /** Whether publishing is open or one of the credentials may publish. */
    public boolean mayPublish(Collection<String> credentials) {
        return publishingOpen || credentials.stream().anyMatch(publishers);
    }

    @Override
    public String toString() {
        if (isOpen()) {
            return "StreamAccess[open]";
        }
        return "StreamAccess[reading " + (readingOpen ? "open" : "with a credential") + ", publishing with a "
                + "credential; in ?" + TOKEN_PARAMETER + "=, ?" + KEY_PARAMETER + "= or as Basic password]";
    }
}
