package io.stride.backend.task;

import io.stride.backend.BackendProperties;
import io.stride.backend.topics.TaskTopics;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backend's durable knowledge of tasks: the compacted topic {@link TaskTopics#TASK_STORE}, one record per
 * task keyed by its id (removed with a tombstone when the task is deleted or its results expire), and one
 * record saying how far the events topic has been folded into it. A starting backend loads it in time
 * proportional to the tasks that exist, and reads only the events after it, not every event ever sent.
 */
@Component
class TaskStore implements AutoCloseable {

    /** The key of the record holding the events topic's offset up to which every task record is written. */
    static final String POSITION_KEY = "events-position";
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final TopicPartition PARTITION = new TopicPartition(TaskTopics.TASK_STORE, 0);
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final KafkaClients kafka;
    private final Producer<String, String> producer;
    private final Duration timeout;

    TaskStore(KafkaClients kafka, BackendProperties properties) {
        this.kafka = kafka;
        this.producer = kafka.eventProducer();
        this.timeout = properties.brokerTimeout();
    }

    /** Every task's latest record, and the events offset they account for (-1 when the store is new). */
    record Contents(List<TaskRecord> tasks, long eventsPosition) {
    }

    /** Reads the whole store. */
    Contents load() {
        Map<String, TaskRecord> tasks = new HashMap<>();
        long position = -1;
        try (var consumer = kafka.eventReader()) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION), timeout).get(PARTITION);
            while (consumer.position(PARTITION, timeout) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL_TIMEOUT)) {
                    if (POSITION_KEY.equals(record.key())) {
                        position = Long.parseLong(record.value());
                    } else if (record.value() == null) {
                        tasks.remove(record.key());
                    } else {
                        tasks.put(record.key(), decode(record.value()));
                    }
                }
            }
        }
        return new Contents(List.copyOf(tasks.values()), position);
    }

    /** Writes the task's record and waits until the broker has it. */
    void save(TaskRecord task) {
        send(task.taskId(), JSON.writeValueAsString(task));
    }

    /** Removes the task's record (a tombstone, which compaction later drops with the records before it). */
    void remove(String taskId) {
        send(taskId, null);
    }

    /** Notes that every event before {@code offset} is folded into the task records. */
    void savePosition(long offset) {
        send(POSITION_KEY, Long.toString(offset));
    }

    private void send(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(TaskTopics.TASK_STORE, key, value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the task store", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write the task store: " + e, e);
        }
    }

    private static TaskRecord decode(String json) {
        try {
            return JSON.readValue(json, TaskRecord.class);
        } catch (JacksonException e) {
            throw new IllegalStateException("unreadable task record: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(KafkaSettings.PRODUCER_CLOSE_TIMEOUT);
    }
}
