package io.stride.backend.tasks;

import io.stride.backend.task.TaskRegistry;
import io.stride.backend.web.WebProperties;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live-update stream ({@code GET /tasks/events}, Server-Sent Events). A new client first gets the whole list
 * ({@code tasks}), then, at most every {@code stride.web.update-interval}, each task that changed ({@code task})
 * or was deleted ({@code removed}, the task id as text). Every send happens on one thread, so a client never sees
 * an update older than the list it started from.
 *
 * <p>The streams are ended before the web server shuts down gracefully, which would otherwise wait for them.
 */
@Component
class LiveTaskFeed implements SmartLifecycle {

    static final String LIST_EVENT = "tasks";
    static final String TASK_EVENT = "task";
    static final String REMOVED_EVENT = "removed";
    /** The stream lives as long as the client: browsers' EventSource reconnects by itself if it breaks. */
    private static final long NO_TIMEOUT = 0L;

    private static final Logger log = LoggerFactory.getLogger(LiveTaskFeed.class);

    private final TaskViews views;
    private final WebProperties properties;
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<SseEmitter> joining = new ConcurrentLinkedQueue<>();
    private final Set<SseEmitter> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "task-feed");
        thread.setDaemon(true);
        return thread;
    });

    LiveTaskFeed(TaskRegistry registry, TaskViews views, WebProperties properties) {
        this.views = views;
        this.properties = properties;
        registry.onChange(changed::add);
    }

    SseEmitter subscribe() {
        var emitter = new SseEmitter(NO_TIMEOUT);
        emitter.onCompletion(() -> leave(emitter));
        emitter.onTimeout(() -> leave(emitter));
        emitter.onError(error -> leave(emitter));
        joining.add(emitter);
        return emitter;
    }

    private void sendUpdates() {
        try {
            List<String> ids = new ArrayList<>(changed);
            changed.removeAll(ids);
            if (!ids.isEmpty() && !clients.isEmpty()) {
                for (String id : ids) {
                    Optional<TaskView> view = views.find(id);
                    // An event builder is spent by sending it: each client gets its own.
                    Supplier<SseEmitter.SseEventBuilder> event = view.isPresent()
                            ? () -> SseEmitter.event().name(TASK_EVENT).data(view.get(), MediaType.APPLICATION_JSON)
                            : () -> SseEmitter.event().name(REMOVED_EVENT).data(id, MediaType.TEXT_PLAIN);
                    clients.forEach(client -> send(client, event.get()));
                }
            }
            SseEmitter newcomer;
            while ((newcomer = joining.poll()) != null) {
                if (send(newcomer, SseEmitter.event().name(LIST_EVENT).data(views.all(), MediaType.APPLICATION_JSON))) {
                    clients.add(newcomer);
                }
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: the feed must outlive any one bad update.
            log.warn("Live task update failed: {}", e.toString());
        }
    }

    private void sendHeartbeat() {
        clients.forEach(client -> send(client, SseEmitter.event().comment("keep-alive")));
    }

    /** @return false when the client is gone; it is dropped (the container completes its request itself) */
    private boolean send(SseEmitter client, SseEmitter.SseEventBuilder event) {
        try {
            client.send(event);
            return true;
        } catch (IOException | IllegalStateException e) {
            leave(client);
            return false;
        }
    }

    private void leave(SseEmitter client) {
        clients.remove(client);
        joining.remove(client);
    }

    @Override
    public void start() {
        long interval = properties.updateInterval().toMillis();
        long heartbeat = properties.heartbeatInterval().toMillis();
        sender.scheduleWithFixedDelay(this::sendUpdates, interval, interval, TimeUnit.MILLISECONDS);
        sender.scheduleWithFixedDelay(this::sendHeartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        sender.shutdownNow();
        clients.forEach(SseEmitter::complete);
        joining.forEach(SseEmitter::complete);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
