package io.stride.core.task;

import io.stride.core.kafka.KafkaClients;
import io.stride.core.kafka.KafkaSettings;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes {@link TaskEvent}s keyed by task id, so one task's events stay in order on one partition. */
public class TaskEventPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TaskEventPublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Producer<String, String> producer;

    public TaskEventPublisher(KafkaClients kafka) {
        this(kafka.eventProducer());
    }

    TaskEventPublisher(Producer<String, String> producer) {
        this.producer = producer;
    }

    /** Sends without waiting; for progress, where a lost event is superseded by the next. */
    public void publish(TaskEvent event) {
        producer.send(record(event), (metadata, error) -> {
            if (error != null) {
                log.warn("Task {}: could not publish {} event: {}", event.taskId(), event.type(), error.toString());
            }
        });
    }

    /** Sends and waits for the broker's acknowledgement; for events a task's outcome depends on. */
    public void publishAndWait(TaskEvent event) {
        publishAndWait(event, ACK_TIMEOUT);
    }

    /**
     * As {@link #publishAndWait(TaskEvent)}, giving up after {@code timeout}: for a request whose client waits.
     *
     * @throws IllegalStateException when the broker did not acknowledge the event in time
     */
    public void publishAndWait(TaskEvent event, Duration timeout) {
        Future<RecordMetadata> ack = producer.send(record(event));
        try {
            ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + event.type(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + event.type() + " event of task "
                    + event.taskId() + ": " + e, e);
        }
    }

    /**
     * Sends until the broker acknowledges, however long it is away: for an outcome that must not be lost (a
     * completed task whose result is in place). Returns early only when the thread is interrupted (shutdown).
     */
    public void publishUntilAcknowledged(TaskEvent event) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                publishAndWait(event);
                return;
            } catch (IllegalStateException e) {
                log.warn("Task {}: {} not acknowledged yet, trying again: {}", event.taskId(), event.type(),
                        e.getMessage());
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ProducerRecord<String, String> record(TaskEvent event) {
        return new ProducerRecord<>(TopicNames.TASK_EVENTS, event.taskId(), TaskEventCodec.encode(event));
    }

    @Override
    public void close() {
        producer.close(KafkaSettings.PRODUCER_CLOSE_TIMEOUT);
    }
}
