package io.stride.annotation.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.core.analytics.LiveEvent;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The sender alone, on Kafka's own stand-in producer: order, keys, failures counted, and the frame path free. */
class KafkaLiveEventsTest {

    private static final String TASK = "3f2a0c1e-0000-4000-8000-000000000001";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void sendsEachEventInOrderKeyedByItsTask() {
        var producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        try (var events = new KafkaLiveEvents(producer, meters)) {
            events.publish(event(3, 0));
            events.publish(event(3, 1));
            events.publish(event(4, 0));
        }

        assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly(TopicNames.ANALYTICS_EVENTS);
        assertThat(producer.history()).extracting(ProducerRecord::key).containsOnly(TASK);
        assertThat(producer.history()).extracting(ProducerRecord::value).containsExactly(
                json(3, 0), json(3, 1), json(4, 0));
        assertThat(producer.closed()).isTrue();
        assertThat(failures()).isZero();
    }

    @Test
    void anEventTheBrokerRefusesIsCounted() {
        var producer = new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
        try (var events = new KafkaLiveEvents(producer, meters)) {
            events.publish(event(3, 0));
            events.publish(event(3, 1));
            waitFor(() -> producer.history().size() == 2);
            producer.errorNext(new TimeoutException("broker away"));
            producer.completeNext();
        }

        assertThat(failures()).isEqualTo(1);
    }

    @Test
    void awaitingTheEventsSentReturnsOnceTheBrokerTookOrRefusedEachOrAfterTheTimeout() throws Exception {
        var producer = new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
        try (var events = new KafkaLiveEvents(producer, meters)) {
            events.publish(event(3, 0));
            events.publish(event(3, 1));
            waitFor(() -> producer.history().size() == 2);

            long started = System.nanoTime();
            events.awaitSent(Duration.ofMillis(300));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("neither acknowledged: the timeout")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300));

            producer.completeNext();
            producer.errorNext(new TimeoutException("broker away"));
            started = System.nanoTime();
            events.awaitSent(Duration.ofSeconds(30));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("one taken, one refused: settled")
                    .isLessThan(Duration.ofSeconds(5));
        }
        assertThat(failures()).isEqualTo(1);
    }

    @Test
    void publishingDoesNotWaitForAProducerThatBlocks() throws Exception {
        var unblock = new CountDownLatch(1);
        var producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, String> record, Callback callback) {
                try {
                    // As a send waiting for the topic's metadata while the broker is away.
                    unblock.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.send(record, callback);
            }
        };
        try (var events = new KafkaLiveEvents(producer, meters)) {
            long started = System.nanoTime();
            for (int frame = 0; frame < 1000; frame++) {
                events.publish(event(frame, 0));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            unblock.countDown();
        }
        assertThat(producer.history()).hasSize(1000);
    }

    private double failures() {
        return meters.get("stride.analytics.events.failed").counter().count();
    }

    private static LiveEvent event(long frame, int n) {
        return new LiveEvent(TASK, LiveEvent.eventId(TASK, frame, n), frame, frame * 40_000, "zone_entered", "queue",
                n, "person", null, null, 1);
    }

    private static String json(long frame, int n) {
        return "{\"task_id\":\"" + TASK + "\",\"event_id\":\"" + TASK + ":" + frame + ":" + n + "\",\"frame\":" + frame
                + ",\"pts_us\":" + frame * 40_000 + ",\"type\":\"zone_entered\",\"name\":\"queue\",\"track_id\":" + n
                + ",\"class_name\":\"person\",\"occupancy\":1}";
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 5 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
