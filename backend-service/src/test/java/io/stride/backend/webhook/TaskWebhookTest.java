package io.stride.backend.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** One task's delivery queue with a scripted receiver, a hand-moved clock and waits run when the test says. */
class TaskWebhookTest {

    private static final WebhookUrl URL = WebhookUrl.parse("https://hooks.example.org/in");
    private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");

    private final MutableClock clock = new MutableClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<String> sent = new ArrayList<>();
    private final AtomicInteger settled = new AtomicInteger();

    @Test
    void retriesAfterTheBackOffsWaitsThenGivesUpAndSendsTheNextEvent() {
        // Retry for 10 s: attempts at 0, 1, 3 and 7 s; the next would start at 15 s.
        TaskWebhook webhook = webhook((url, event) -> event.eventId().endsWith(":1:0")
                ? Delivery.Attempt.answered(503) : Delivery.Attempt.answered(200), 10, 100);

        webhook.offer(event("t:1:0"));
        webhook.offer(event("t:2:0"));
        assertThat(sent).containsExactly("t:1:0");
        assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(1));

        scheduler.runNext();
        scheduler.runNext();
        scheduler.runNext();

        assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4));
        assertThat(sent).containsExactly("t:1:0", "t:1:0", "t:1:0", "t:1:0", "t:2:0");
        List<Delivery> log = webhook.deliveries();
        assertThat(log).extracting(Delivery::status).containsExactly("failed", "delivered");
        assertThat(log.get(0).attempts()).isEqualTo(4);
        assertThat(log.get(0).lastStatusCode()).isEqualTo(503);
        assertThat(log.get(0).lastError()).isEqualTo("HTTP 503");
        assertThat(log.get(0).lastAttemptAt()).isEqualTo(START.plusSeconds(7));
        assertThat(settled).hasValue(2);
    }

    @Test
    void dropsEventsBeyondTheBoundAndKeepsTheLastOfTheLog() {
        TaskWebhook webhook = webhook((url, event) -> Delivery.Attempt.failed("ConnectException"), 60, 2);

        for (int frame = 0; frame < 5; frame++) {
            webhook.offer(event("t:" + frame + ":0"));
        }

        // t:0:0 is being retried, t:1:0 and t:2:0 wait (unlogged until sent), t:3:0 and t:4:0 are dropped; the
        // log keeps the last 2.
        assertThat(webhook.dropped()).isEqualTo(2);
        assertThat(webhook.deliveries()).extracting(Delivery::eventId).containsExactly("t:3:0", "t:4:0");
        assertThat(webhook.deliveries()).extracting(Delivery::status).containsExactly("dropped", "dropped");
        assertThat(sent).containsExactly("t:0:0");
        assertThat(settled).as("dropped events are settled at once").hasValue(2);
    }

    private TaskWebhook webhook(TaskWebhook.Sender receiver, int retrySeconds, int logSize) {
        TaskWebhook.Sender recording = (url, event) -> {
            sent.add(event.eventId());
            return receiver.send(url, event);
        };
        var backoff = new Backoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(60), Duration.ofSeconds(retrySeconds));
        return new TaskWebhook("t", URL, new TaskWebhook.Context(recording, Runnable::run, scheduler, clock, backoff,
                2, logSize));
    }

    private WebhookEvent event(String eventId) {
        return new WebhookEvent(eventId, "t", "line_crossed", "{}".getBytes(StandardCharsets.UTF_8),
                settled::incrementAndGet);
    }

    private static final class MutableClock extends Clock {
        private Instant now = START;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Keeps what is scheduled; {@link #runNext} moves the clock to its time and runs it. */
    private static final class ManualScheduler extends ThreadPoolTaskScheduler {
        private final MutableClock clock;
        private final List<Instant> times = new ArrayList<>();
        private final List<Runnable> jobs = new ArrayList<>();
        private final List<Duration> delays = new ArrayList<>();

        ManualScheduler(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
            times.add(startTime);
            jobs.add(task);
            delays.add(Duration.between(clock.now, startTime));
            return null;
        }

        void runNext() {
            clock.now = times.remove(0);
            jobs.remove(0).run();
        }

        List<Duration> delays() {
            return delays;
        }
    }
}
