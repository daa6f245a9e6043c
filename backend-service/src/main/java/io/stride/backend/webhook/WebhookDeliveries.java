package io.stride.backend.webhook;

import io.stride.backend.options.TaskOptions;
import io.stride.backend.options.TaskOptionsJson;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.task.TaskSnapshot;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Every task's webhook deliveries ({@link TaskWebhook}), made when the first event of a task with a webhook comes
 * and forgotten with the task. The webhook is the one in the task's options, as the registry has them.
 */
@Component
public class WebhookDeliveries implements SmartLifecycle {

    private final TaskRegistry registry;
    private final Clock clock;
    private final WebhookProperties properties;
    private final ThreadPoolTaskExecutor senders = new ThreadPoolTaskExecutor();
    private final TaskWebhook.Context context;
    private final Map<String, TaskWebhook> tasks = new ConcurrentHashMap<>();
    private volatile boolean running;

    WebhookDeliveries(TaskRegistry registry, WebhookSender sender, TaskScheduler scheduler, Clock clock,
                      WebhookProperties properties) {
        this.registry = registry;
        this.clock = clock;
        this.properties = properties;
        senders.setCorePoolSize(properties.senders());
        senders.setMaxPoolSize(properties.senders());
        senders.setAllowCoreThreadTimeOut(true);
        senders.setThreadNamePrefix("webhook-");
        senders.setDaemon(true);
        senders.initialize();
        this.context = new TaskWebhook.Context(sender, senders, scheduler, clock, properties.backoff(),
                properties.maxPendingPerTask(), properties.logSize());
        registry.onChange(this::forgetIfGone);
    }

    /** The task's webhook, if it was uploaded with one. */
    public Optional<WebhookUrl> webhookOf(String taskId) {
        return registry.snapshot(taskId).map(TaskSnapshot::options).map(TaskOptionsJson::read)
                .flatMap(TaskOptions::webhook);
    }

    /** The deliveries kept for the task, oldest first; none before its first event. */
    public List<Delivery> log(String taskId) {
        TaskWebhook webhook = tasks.get(taskId);
        return webhook == null ? List.of() : webhook.deliveries();
    }

    /** Events dropped because too many of the task's were waiting. */
    public long dropped(String taskId) {
        TaskWebhook webhook = tasks.get(taskId);
        return webhook == null ? 0 : webhook.dropped();
    }

    /**
     * Sends the event to its task's webhook, after the task's earlier events; settles it at once if the task has
     * none. Once the backend stops nothing is settled: the next one reads it again.
     */
    void send(WebhookEvent event) {
        if (!running) {
            return;
        }
        Optional<TaskWebhook> webhook = webhook(event.taskId());
        if (webhook.isPresent()) {
            webhook.get().offer(event);
        } else {
            event.settled().run();
        }
    }

    /**
     * Whether the ended task's end is to be sent: it has a webhook, and it ended within
     * {@code stride.webhooks.retry-for} (an older end is one a restarted backend learns again from the task store,
     * not news; its delivery would have been given up by now).
     */
    boolean wantsEnd(String taskId) {
        Optional<TaskSnapshot> task = registry.snapshot(taskId);
        return task.isPresent() && task.get().isEnded() && webhookOf(taskId).isPresent()
                && clock.millis() - task.get().endedAt() <= properties.retryFor().toMillis();
    }

    /** Sends the task's end ({@code task_completed}, {@code task_failed} or {@code task_cancelled}). */
    void sendEnd(String taskId) {
        registry.snapshot(taskId).filter(TaskSnapshot::isEnded).map(WebhookEvent::end).ifPresent(this::send);
    }

    private Optional<TaskWebhook> webhook(String taskId) {
        TaskWebhook known = tasks.get(taskId);
        if (known != null) {
            return Optional.of(known);
        }
        return webhookOf(taskId).map(url -> tasks.computeIfAbsent(taskId, id -> new TaskWebhook(id, url, context)));
    }

    private void forgetIfGone(String taskId) {
        if (!registry.isKnown(taskId)) {
            TaskWebhook gone = tasks.remove(taskId);
            if (gone != null) {
                gone.close(true);
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        tasks.values().forEach(webhook -> webhook.close(false));
        senders.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
