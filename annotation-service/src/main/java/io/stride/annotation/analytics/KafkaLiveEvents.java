package io.stride.annotation.analytics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stride.core.analytics.AnalyticsJson;
import io.stride.core.analytics.LiveEvent;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each event to {@link TopicNames#ANALYTICS_EVENTS}, keyed by its task (so a task's events stay in order on
 * one partition), without waiting: a broker that is away costs the events it misses, counted in
 * {@code stride.analytics.events.failed} and logged once, never the frames. The results on disk stay complete.
 */
public final class KafkaLiveEvents implements LiveEventSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaLiveEvents.class);
    /** How long closing waits for the events still buffered, so a stage stopping normally loses none. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<String, String> producer;
    private final Counter failures;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    public KafkaLiveEvents(KafkaClients kafka, MeterRegistry meters) {
        this(kafka.eventProducer(), meters);
    }

    KafkaLiveEvents(Producer<String, String> producer, MeterRegistry meters) {
        this.producer = producer;
        this.failures = Counter.builder("stride.analytics.events.failed")
                .description("Live analytics events the broker did not take").register(meters);
    }

    @Override
    public void publish(LiveEvent event) {
        var record = new ProducerRecord<>(TopicNames.ANALYTICS_EVENTS, event.taskId(), AnalyticsJson.liveEvent(event));
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failed(error);
                }
            });
        } catch (RuntimeException e) {
            failed(e);
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

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
