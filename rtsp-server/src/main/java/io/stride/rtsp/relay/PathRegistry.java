package io.stride.rtsp.relay;

import io.stride.rtsp.protocol.SessionDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The paths that have a publisher. A path is claimed by ANNOUNCE (so a second publisher is refused) and becomes
 * live, visible to readers, at RECORD; it disappears when its publisher leaves. Readers waiting in DESCRIBE for a
 * path to go live are woken here. These are rare control-plane events, so one lock guards it all; the packet path
 * never touches the registry.
 */
public final class PathRegistry {

    private final int maxReadersPerPath;
    private final RelayCounters counters;
    private final Map<String, LivePath> paths = new HashMap<>();
    private final Map<String, List<CompletableFuture<Optional<LivePath>>>> waiting = new HashMap<>();

    public PathRegistry(int maxReadersPerPath, RelayCounters counters) {
        this.maxReadersPerPath = maxReadersPerPath;
        this.counters = counters;
    }

    /** Claims a path for a publisher, or returns empty when another publisher already has it. */
    public synchronized Optional<LivePath> claim(String path, SessionDescription description) {
        if (paths.containsKey(path)) {
            return Optional.empty();
        }
        var livePath = new LivePath(path, description, maxReadersPerPath, counters);
        paths.put(path, livePath);
        return Optional.of(livePath);
    }

    /** The publisher sent RECORD: readers can find the path now, including those waiting for it. */
    public void goLive(LivePath livePath) {
        List<CompletableFuture<Optional<LivePath>>> woken;
        synchronized (this) {
            if (paths.get(livePath.path()) != livePath || livePath.isClosed()) {
                return;
            }
            livePath.startRecording();
            woken = waiting.remove(livePath.path());
        }
        if (woken != null) {
            woken.forEach(future -> future.complete(Optional.of(livePath)));
        }
    }

    /** A live path, if the path has a publisher in RECORD. */
    public synchronized Optional<LivePath> live(String path) {
        return Optional.ofNullable(paths.get(path)).filter(LivePath::isRecording);
    }

    /**
     * Completes with the path as soon as it is live, or with empty after {@code wait}.
     *
     * @param timer where the timeout is scheduled (the caller's event loop)
     */
    public CompletableFuture<Optional<LivePath>> whenLive(String path, Duration wait, ScheduledExecutorService timer) {
        var future = new CompletableFuture<Optional<LivePath>>();
        synchronized (this) {
            Optional<LivePath> now = live(path);
            if (now.isPresent() || wait.isZero()) {
                future.complete(now);
                return future;
            }
            waiting.computeIfAbsent(path, p -> new ArrayList<>()).add(future);
        }
        timer.schedule(() -> {
            synchronized (this) {
                List<CompletableFuture<Optional<LivePath>>> list = waiting.get(path);
                if (list != null) {
                    list.remove(future);
                    if (list.isEmpty()) {
                        waiting.remove(path);
                    }
                }
            }
            future.complete(Optional.empty());
        }, wait.toNanos(), TimeUnit.NANOSECONDS);
        return future;
    }

    /** The publisher left: the path disappears and its readers are disconnected. */
    public void release(LivePath livePath) {
        synchronized (this) {
            paths.remove(livePath.path(), livePath);
        }
        livePath.close();
    }

    public synchronized int livePaths() {
        return (int) paths.values().stream().filter(LivePath::isRecording).count();
    }

    public synchronized int readers() {
        return paths.values().stream().mapToInt(LivePath::readerCount).sum();
    }

    /** Disconnects everything (server shutdown). */
    public void releaseAll() {
        List<LivePath> all;
        synchronized (this) {
            all = List.copyOf(paths.values());
        }
        all.forEach(this::release);
    }
}
