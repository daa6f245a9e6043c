package io.stride.backend.testing;

import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.testing.TestBroker;
import io.stride.core.topic.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a task's {@code raw_frames} topic as a stage would: every record, in order. */
public final class RawFrames {

    private static final int MAX_MESSAGE_BYTES = 33554432;

    private RawFrames() {
    }

    /** Every record from the first up to and including the end-of-stream record; fails if that does not come. */
    public static List<FrameRecord> untilEndOfStream(TestBroker broker, String taskId, Duration timeout) {
        var partition = new TopicPartition(Stage.RAW_FRAMES.topic(taskId), 0);
        List<FrameRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var consumer = consumer(broker)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    FrameRecord frame = FrameRecordCodec.decode(record.value());
                    records.add(frame);
                    if (frame.isEndOfStream()) {
                        return records;
                    }
                }
            }
        }
        throw new AssertionError("no end-of-stream record on " + partition.topic() + " within " + timeout
                + "; " + records.size() + " records read");
    }

    /** The number of records on the topic now. */
    public static long count(TestBroker broker, String taskId) {
        var partition = new TopicPartition(Stage.RAW_FRAMES.topic(taskId), 0);
        try (var consumer = consumer(broker)) {
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    /** Every record on the topic now, in order (a live task's topic has no end-of-stream record to wait for). */
    public static List<FrameRecord> now(TestBroker broker, String taskId) {
        var partition = new TopicPartition(Stage.RAW_FRAMES.topic(taskId), 0);
        List<FrameRecord> records = new ArrayList<>();
        try (var consumer = consumer(broker)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end) {
                        records.add(FrameRecordCodec.decode(record.value()));
                    }
                }
            }
        }
        return records;
    }

    /** A consumer with no group that takes the largest frame the fleet allows. */
    private static KafkaConsumer<byte[], byte[]> consumer(TestBroker broker) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_MESSAGE_BYTES,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_MESSAGE_BYTES,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }
}
