package io.stride.annotation.analytics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stride.core.analytics.AnalyticsJson;
import io.stride.core.analytics.LiveEvent;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each event to {@link TopicNames#ANALYTICS_EVENTS}, keyed by its task (so a task's events stay in order on
 * one partition). The frame path only queues it: a producer's send may wait for the topic's metadata (seconds when
 * the broker is away or the topic missing), so one thread of its own sends, in queue order. An event the broker
 * does not take, or that finds the queue full, is lost to the topic, never to the results: counted in
 * {@code stride.analytics.events.failed} and logged once.
 */
public final class KafkaLiveEvents implements LiveEventSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaLiveEvents.class);
    /** Some minutes of a busy scene's events (a few hundred bytes each), while the broker is away. */
    private static final int QUEUE_CAPACITY = 100_000;
    /** How long closing waits for the events still queued or buffered, so a stage stopping normally loses none. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Producer<String, String> producer;
    private final Counter failures;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final BlockingQueue<LiveEvent> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread sender;
    private volatile boolean closing;
    /** Events published, and those the broker took or that failed; the second catches up with the first. */
    private long published;
    private long settled;

    public KafkaLiveEvents(KafkaClients kafka, MeterRegistry meters) {
        this(kafka.eventProducer(), meters);
    }

    KafkaLiveEvents(Producer<String, String> producer, MeterRegistry meters) {
        this.producer = producer;
        this.failures = Counter.builder("stride.analytics.events.failed")
                .description("Live analytics events that did not reach their topic").register(meters);
        this.sender = new Thread(this::sendQueued, "analytics-events");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void publish(LiveEvent event) {
        synchronized (this) {
            published++;
        }
        if (closing || !queue.offer(event)) {
            failed(new IllegalStateException(closing ? "closing" : "the queue of events to send is full"));
            settle();
        }
    }

    @Override
    public synchronized void awaitSent(Duration timeout) {
        long target = published;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (settled < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("Live analytics events: {} not sent after {}; the durable point is recorded without them",
                            target - settled, timeout);
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void settle() {
        settled++;
        notifyAll();
    }

    private void sendQueued() {
        try {
            while (!closing || !queue.isEmpty()) {
                LiveEvent event = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (event != null) {
                    send(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(LiveEvent event) {
        var record = new ProducerRecord<>(TopicNames.ANALYTICS_EVENTS, event.taskId(), AnalyticsJson.liveEvent(event));
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failed(error);
                }
                settle();
            });
        } catch (RuntimeException e) {
            failed(e);
            settle();
        }
    }

    private void failed(Exception error) {
        failures.increment();
        if (failureLogged.compareAndSet(false, true)) {
            log.warn("Cannot send live analytics events to {} ({}); counting the failures in "
                    + "stride.analytics.events.failed and logging no more of them", TopicNames.ANALYTICS_EVENTS,
                    error.toString());
        }
    }

    /** Sends what is queued, for up to {@link #CLOSE_TIMEOUT} in all, then closes the producer. */
    @Override
    public void close() {
        closing = true;
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        try {
            sender.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
}
