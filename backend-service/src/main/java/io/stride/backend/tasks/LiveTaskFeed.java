package io.stride.backend.tasks;

import io.stride.backend.api.ServiceBusyException;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.web.WebProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live-update stream ({@code GET /tasks/events}, Server-Sent Events). A new client first gets the whole list
 * ({@code tasks}), then, at most every {@code stride.web.update-interval}, each task that changed ({@code task})
 * or was deleted ({@code removed}, the task id as text); and each analytics event (a line crossed, a zone entered or
 * left) of a running task as it is read ({@code analytics}, the event's JSON). One scheduled job decides what every client is sent, so a
 * client never sees an update older than the list it started from; each client is written to by its own writer
 * ({@link FeedClient}), so one that stops reading holds up nobody else, and is dropped.
 *
 * <p>The streams are ended before the web server shuts down gracefully, which would otherwise wait for them.
 */
@Component
public class LiveTaskFeed implements SmartLifecycle {

    public static final String LIST_EVENT = "tasks";
    public static final String TASK_EVENT = "task";
    public static final String REMOVED_EVENT = "removed";
    public static final String ANALYTICS_EVENT = "analytics";
    /** The stream lives as long as the client: browsers' EventSource reconnects by itself if it breaks. */
    private static final long NO_TIMEOUT = 0L;
    /** What a client turned away for the subscriber limit is told to wait; clients come and go with page views. */
    private static final Duration FULL_RETRY_AFTER = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(LiveTaskFeed.class);

    private final TaskViews views;
    private final WebProperties properties;
    private final TaskScheduler scheduler;
    private final ThreadPoolTaskExecutor writers = new ThreadPoolTaskExecutor();
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    /** Every client, with whether it was sent the whole list yet (only the update job reads or sets that). */
    private final ConcurrentHashMap<FeedClient, Boolean> clients = new ConcurrentHashMap<>();
    private final List<ScheduledFuture<?>> jobs = new ArrayList<>();
    private volatile boolean running;

    LiveTaskFeed(TaskRegistry registry, TaskViews views, WebProperties properties, TaskScheduler scheduler) {
        this.views = views;
        this.properties = properties;
        this.scheduler = scheduler;
        // A thread for each client that has something to write, so a blocked one never waits for another; each
        // client has at most one writer queued or running, so the queue never holds more than the clients.
        writers.setCorePoolSize(properties.maxSubscribers());
        writers.setMaxPoolSize(properties.maxSubscribers());
        writers.setAllowCoreThreadTimeOut(true);
        writers.setThreadNamePrefix("task-feed-");
        writers.setDaemon(true);
        writers.initialize();
        registry.onChange(changed::add);
    }

    /** @throws ServiceBusyException when {@code stride.web.max-subscribers} clients are already served */
    public synchronized SseEmitter subscribe() {
        if (clients.size() >= properties.maxSubscribers()) {
            throw new ServiceBusyException("live updates already go to " + properties.maxSubscribers()
                    + " clients, the limit", FULL_RETRY_AFTER);
        }
        var emitter = new SseEmitter(NO_TIMEOUT);
        var client = new FeedClient(emitter, properties.subscriberQueue(), writers, System::nanoTime);
        Runnable leave = () -> {
            client.left();
            clients.remove(client);
        };
        emitter.onCompletion(leave);
        emitter.onTimeout(leave);
        emitter.onError(error -> leave.run());
        clients.put(client, false);
        return emitter;
    }

    /**
     * Sends an analytics event to every client that has its list: every client may read every task, since the feed
     * answers only the operator key (or everyone, in an open deployment).
     */
    public void sendAnalytics(String json) {
        clients.forEach((client, listed) -> {
            if (listed && !client.offer(SseEmitter.event().name(ANALYTICS_EVENT).data(json,
                    MediaType.APPLICATION_JSON))) {
                log.info("Live-update client dropped: {} updates behind", properties.subscriberQueue());
            }
        });
    }

    private void sendUpdates() {
        try {
            dropStuckClients();
            List<String> ids = new ArrayList<>(changed);
            changed.removeAll(ids);
            List<Supplier<SseEmitter.SseEventBuilder>> updates = ids.stream().map(this::update).toList();
            clients.replaceAll((client, listed) -> listed ? sendAll(client, updates) : sendList(client));
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: the feed must outlive any one bad update.
            log.warn("Live task update failed: {}", e.toString());
        }
    }

    private Supplier<SseEmitter.SseEventBuilder> update(String id) {
        Optional<TaskView> view = views.find(id);
        // An event builder is spent by sending it: each client gets its own.
        return view.isPresent()
                ? () -> SseEmitter.event().name(TASK_EVENT).data(view.get(), MediaType.APPLICATION_JSON)
                : () -> SseEmitter.event().name(REMOVED_EVENT).data(id, MediaType.TEXT_PLAIN);
    }

    private boolean sendAll(FeedClient client, List<Supplier<SseEmitter.SseEventBuilder>> updates) {
        for (Supplier<SseEmitter.SseEventBuilder> update : updates) {
            if (!client.offer(update.get())) {
                log.info("Live-update client dropped: {} updates behind", properties.subscriberQueue());
                break;
            }
        }
        return true;
    }

    private boolean sendList(FeedClient client) {
        client.offer(SseEmitter.event().name(LIST_EVENT).data(views.all(), MediaType.APPLICATION_JSON));
        return true;
    }

    private void dropStuckClients() {
        long timeout = properties.sendTimeout().toNanos();
        for (FeedClient client : clients.keySet()) {
            if (client.isStuck(timeout)) {
                log.info("Live-update client dropped: one write took over {}", properties.sendTimeout());
                client.end();
                clients.remove(client);
            } else if (client.isGone()) {
                clients.remove(client);
            }
        }
    }

    private void sendHeartbeat() {
        clients.keySet().forEach(client -> client.offer(SseEmitter.event().comment("keep-alive")));
    }

    @Override
    public synchronized void start() {
        Duration interval = properties.updateInterval();
        Duration heartbeat = properties.heartbeatInterval();
        Instant now = Instant.now();
        jobs.add(scheduler.scheduleWithFixedDelay(this::sendUpdates, now.plus(interval), interval));
        jobs.add(scheduler.scheduleWithFixedDelay(this::sendHeartbeat, now.plus(heartbeat), heartbeat));
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        jobs.forEach(job -> job.cancel(false));
        jobs.clear();
        clients.keySet().forEach(FeedClient::end);
        clients.clear();
        writers.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
