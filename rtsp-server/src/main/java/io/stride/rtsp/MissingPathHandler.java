package io.stride.rtsp;

/**
 * Gives a path without a live publisher a chance to get one: called when a DESCRIBE asks for a valid path that
 * nobody publishes, while the server waits {@link RtspServerSettings#publisherWait()} for a publisher. A caller
 * can, for instance, start an FFmpeg publisher that replays a finished task's MP4 to
 * {@code rtsp://localhost:<port><path>}; if it ANNOUNCEs and RECORDs within the wait, the reader gets that stream.
 *
 * <p>The server asks for one publisher per path at a time, and for at most
 * {@link RtspServerSettings#maxOnDemandPublishers()} paths at once, counting each until its publisher leaves; a
 * DESCRIBE beyond gets {@code 503}. Called on a thread of the server's own, not a network thread, so a slow handler
 * delays only its own path; still, start the publisher in the background and return soon. Exceptions are logged and
 * treated as {@code false}.
 */
@FunctionalInterface
public interface MissingPathHandler {

    /** Never starts anything. */
    MissingPathHandler NONE = path -> false;

    /**
     * @param path the requested path, e.g. {@code /3f2a…}
     * @return whether a publisher for the path is being started (only logged: the wait happens either way)
     */
    boolean startPublisher(String path);
}
