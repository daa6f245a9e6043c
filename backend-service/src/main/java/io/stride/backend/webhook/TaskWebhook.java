package io.stride.backend.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

/**
 * One task's deliveries, in order: an event is sent once the one before it is delivered or given up, failures are
 * retried after the {@link Backoff}'s waits, at most {@code maxPending} events wait (more are dropped), and the
 * last {@code logSize} deliveries are kept for the log. Attempts run on the senders, the waits on the scheduler.
 */
final class TaskWebhook {

    private static final Logger log = LoggerFactory.getLogger(TaskWebhook.class);

    /** Makes one attempt, blocking until it is answered or has failed. */
    @FunctionalInterface
    interface Sender {
        Delivery.Attempt send(WebhookUrl url, WebhookEvent event);
    }

    /** What the deliveries of every task share. */
    record Context(Sender sender, Executor senders, TaskScheduler scheduler, Clock clock, Backoff backoff,
                   int maxPending, int logSize) {
    }

    private final String taskId;
    private final WebhookUrl url;
    private final Context context;
    private final Deque<WebhookEvent> waiting = new ArrayDeque<>();
    /** Every delivery's latest state, oldest first; the one in progress, if any, is {@link #currentDelivery}. */
    private final Deque<Slot> deliveries = new ArrayDeque<>();
    private WebhookEvent current;
    private Slot currentDelivery;
    private Instant firstAttemptAt;
    private long dropped;
    private boolean closed;
    /** Whether what is left at the close is settled (the task is gone) or left unsettled (the backend stops). */
    private boolean settleOnClose;

    TaskWebhook(String taskId, WebhookUrl url, Context context) {
        this.taskId = taskId;
        this.url = url;
        this.context = context;
    }

    WebhookUrl url() {
        return url;
    }

    /** Queues the event behind the task's others, or drops it when {@code maxPending} are waiting. */
    synchronized void offer(WebhookEvent event) {
        if (closed) {
            if (settleOnClose) {
                event.settled().run();
            }
            return;
        }
        if (waiting.size() >= context.maxPending()) {
            if (dropped++ == 0) {
                log.warn("Task {}: webhook to {} is {} events behind; dropping events until it catches up", taskId,
                        url.host(), context.maxPending());
            }
            keep(Delivery.dropped(event));
            event.settled().run();
            return;
        }
        waiting.add(event);
        if (current == null) {
            startNext();
        }
    }

    /** The deliveries kept, oldest first. */
    synchronized List<Delivery> deliveries() {
        return deliveries.stream().map(slot -> slot.delivery).toList();
    }

    synchronized long dropped() {
        return dropped;
    }

    /**
     * Stops sending. When the task is gone ({@code settle}), what waits is settled without being sent; when the
     * backend stops, it is left unsettled, so that it is read again from the topic and sent by the next one.
     */
    synchronized void close(boolean settle) {
        closed = true;
        settleOnClose = settle;
        if (settle) {
            waiting.forEach(event -> event.settled().run());
        }
        waiting.clear();
    }

    private void startNext() {
        current = waiting.poll();
        if (current == null) {
            return;
        }
        currentDelivery = keep(Delivery.waiting(current));
        firstAttemptAt = null;
        submitAttempt();
    }

    private void submitAttempt() {
        try {
            context.senders().execute(this::attempt);
        } catch (RejectedExecutionException e) {
            // Only when the backend stops: what was not delivered is read again from the topic by the next one.
            close(false);
        }
    }

    private void attempt() {
        WebhookEvent event;
        synchronized (this) {
            if (closed) {
                if (settleOnClose) {
                    settleCurrent();
                }
                return;
            }
            event = current;
            if (firstAttemptAt == null) {
                firstAttemptAt = context.clock().instant();
            }
        }
        Instant startedAt = context.clock().instant();
        Delivery.Attempt outcome = context.sender().send(url, event);
        synchronized (this) {
            Delivery before = currentDelivery.delivery;
            if (outcome.succeeded()) {
                finish(before.after(outcome, startedAt, Delivery.DELIVERED));
                return;
            }
            if (closed) {
                if (settleOnClose) {
                    settleCurrent();
                }
                return;
            }
            int attempts = before.attempts() + 1;
            Duration elapsed = Duration.between(firstAttemptAt, context.clock().instant());
            Optional<Duration> wait = context.backoff().next(attempts, elapsed);
            if (wait.isEmpty()) {
                log.warn("Task {}: webhook event {} to {} given up after {} attempts: {}", taskId, event.eventId(),
                        url.host(), attempts, outcome.error());
                finish(before.after(outcome, startedAt, Delivery.FAILED));
                return;
            }
            currentDelivery.delivery = before.after(outcome, startedAt, Delivery.RETRYING);
            context.scheduler().schedule(this::submitAttempt, context.clock().instant().plus(wait.get()));
        }
    }

    private void finish(Delivery delivery) {
        currentDelivery.delivery = delivery;
        settleCurrent();
        startNext();
    }

    private void settleCurrent() {
        if (current != null) {
            current.settled().run();
            current = null;
        }
    }

    private Slot keep(Delivery delivery) {
        Slot slot = new Slot(delivery);
        deliveries.addLast(slot);
        while (deliveries.size() > context.logSize()) {
            deliveries.removeFirst();
        }
        return slot;
    }

    /** A place in the log whose delivery is updated as attempts are made; guarded by the task's lock. */
    private static final class Slot {
        private Delivery delivery;

        private Slot(Delivery delivery) {
            this.delivery = delivery;
        }
    }
}
