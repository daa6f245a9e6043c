package io.stride.rtsp.session;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.stride.rtsp.MissingPathHandler;
import io.stride.rtsp.relay.PathRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishers a DESCRIBE of a path nobody publishes asks the {@link MissingPathHandler} to start (a replay of
 * a finished task), at most so many at once. A path counts from the request until its publisher leaves, until no
 * publisher came within the publisher wait, or until the handler says it starts none; a DESCRIBE of a path that
 * counts already waits for the same publisher instead of asking for another one.
 *
 * <p>The handler runs on threads of its own, at most one per counted path, never on a network thread: a slow
 * handler holds up no connection. Thread-safe.
 */
public final class OnDemandPublishers implements AutoCloseable {

    /** What a request for a publisher came to. */
    enum Request {
        /** The handler is being asked to start one. */
        ASKED,
        /** One is being started or running for the path already. */
        ALREADY_ASKED,
        /** The maximum is starting or running: the DESCRIBE gets 503. */
        FULL,
        /** No handler is installed. */
        NO_HANDLER
    }

    private static final Logger log = LoggerFactory.getLogger(OnDemandPublishers.class);
    private static final long IDLE_THREAD_SECONDS = 30;

    private final int max;
    private final Duration publisherWait;
    private final PathRegistry registry;
    private final Supplier<MissingPathHandler> handler;
    private final ScheduledExecutorService timer;
    private final ExecutorService handlerThreads;
    private final Set<String> counted = new HashSet<>();

    /**
     * @param handler read at each request, as the server's owner may install it after start
     * @param timer   where the wait for a started publisher is timed (the server's event loops)
     */
    public OnDemandPublishers(int max, Duration publisherWait, PathRegistry registry,
            Supplier<MissingPathHandler> handler, ScheduledExecutorService timer) {
        this.max = max;
        this.publisherWait = publisherWait;
        this.registry = registry;
        this.handler = handler;
        this.timer = timer;
        // As many threads as paths may count; they end when idle. The queue only bridges a thread that is about
        // to finish its last call while the next one is handed in.
        var threads = new ThreadPoolExecutor(max, max, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DefaultThreadFactory("rtsp-missing-path", true));
        threads.allowCoreThreadTimeOut(true);
        this.handlerThreads = threads;
    }

    /** Asks the handler for a publisher of the path unless one is being started already or the maximum is. */
    Request request(String path) {
        MissingPathHandler current = handler.get();
        if (current == MissingPathHandler.NONE) {
            return Request.NO_HANDLER;
        }
        synchronized (this) {
            if (counted.contains(path)) {
                return Request.ALREADY_ASKED;
            }
            if (counted.size() >= max) {
                return Request.FULL;
            }
            counted.add(path);
        }
        handlerThreads.execute(() -> ask(current, path));
        return Request.ASKED;
    }

    private void ask(MissingPathHandler current, String path) {
        boolean starting;
        try {
            starting = current.startPublisher(path);
        } catch (RuntimeException e) {
            log.warn("missing-path handler failed for {}", path, e);
            starting = false;
        }
        if (!starting) {
            uncount(path);
            return;
        }
        log.info("a publisher is being started for {}", path);
        try {
            registry.whenLive(path, publisherWait, timer).thenAccept(live -> {
                if (live.isPresent()) {
                    live.get().whenClosed().thenRun(() -> uncount(path));
                } else {
                    uncount(path);
                }
            });
        } catch (RejectedExecutionException serverClosing) {
            uncount(path);
        }
    }

    private synchronized void uncount(String path) {
        counted.remove(path);
    }

    @Override
    public void close() {
        handlerThreads.shutdownNow();
    }
}
