package io.stride.annotation;

import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.kafka.KafkaSettings;
import io.stride.core.stage.TaskReplay;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventCodec;
import io.stride.core.task.TaskEventPublisher;
import io.stride.core.testing.TestBroker;
import io.stride.core.topic.Stage;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A real broker as the processor meets it in the fleet: a task's frames on its rtmpose topic, where a restarted
 * instance reads them back, and the task events the processor publishes.
 */
final class AnnotationBroker implements AutoCloseable {

    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(30);

    private final TestBroker broker = new TestBroker();
    private final TaskEventPublisher events;

    /** Also creates {@code topics}, besides the task events topic. */
    AnnotationBroker(String... topics) {
        broker.createTopics(Stream.concat(Stream.of(TopicNames.TASK_EVENTS), Stream.of(topics))
                .toArray(String[]::new));
        events = new TaskEventPublisher(new KafkaClients(kafka()));
    }

    KafkaSettings kafka() {
        return broker.kafkaSettings();
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    TaskEventPublisher events() {
        return events;
    }

    /** What a processor that meets a task mid-way reads the task's earlier frames from. */
    EarlierFrames earlierFrames() {
        return EarlierFrames.of(new TaskReplay(new KafkaClients(kafka()), REPLAY_TIMEOUT), Stage.RTMPOSE);
    }

    /** Puts {@code records} on the task's rtmpose topic, as the rtmpose stage leaves them. */
    void publishRtmpose(String taskId, List<FrameRecord> records) throws Exception {
        String topic = Stage.RTMPOSE.topic(taskId);
        broker.createTopics(topic);
        try (var producer = new KafkaProducer<String, byte[]>(kafka().frameProducer())) {
            for (FrameRecord record : records) {
                producer.send(new ProducerRecord<>(topic, FrameRecordCodec.encode(record))).get();
            }
        }
    }

    /** The task's last event so far, or null. */
    TaskEvent lastTaskEvent(String taskId) {
        return records(TopicNames.TASK_EVENTS).stream()
                .map(record -> TaskEventCodec.decode(record.value()))
                .filter(event -> event.taskId().equals(taskId))
                .reduce((first, second) -> second)
                .orElse(null);
    }

    /** Every record on partition 0 of {@code topic} so far, in order. */
    List<ConsumerRecord<String, String>> records(String topic) {
        try (var consumer = new KafkaConsumer<String, String>(kafka().eventReader())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    @Override
    public void close() {
        events.close();
        broker.close();
    }
}
