package io.stride.core.stage;

import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.kafka.BrokerUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the JPEGs of one task's {@code raw_frames} topic by offset. Reads run forward; the few records a poll
 * brings beyond the offset asked for are kept for the next call, and a request behind the read position (a
 * redelivery) seeks back.
 */
final class RawFrameReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Consumer<String, byte[]> consumer;
    private final TopicPartition partition;
    private final NavigableMap<Long, byte[]> readAhead = new TreeMap<>();

    RawFrameReader(Consumer<String, byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
    }

    /**
     * The JPEG of the record at {@code offset}.
     *
     * @throws IllegalStateException      when the record is gone (retention) or its topic was deleted
     * @throws BrokerUnavailableException when nothing arrived within the timeout
     */
    byte[] image(long offset, Duration timeout) {
        readAhead.headMap(offset, false).clear();
        byte[] image = readAhead.remove(offset);
        if (image != null) {
            return image;
        }
        if (!readAhead.isEmpty() || consumer.position(partition) != offset) {
            // Asked for a frame behind what was read: a redelivered batch.
            readAhead.clear();
            consumer.seek(partition, offset);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerRecords<String, byte[]> polled = consumer.poll(POLL);
            if (polled.isEmpty() && TopicPresence.isDeleted(consumer, partition.topic())) {
                throw new IllegalStateException("frame image at offset " + offset + ": " + partition.topic()
                        + " was deleted (the task ended)");
            }
            for (ConsumerRecord<String, byte[]> record : polled) {
                if (record.offset() >= offset) {
                    readAhead.put(record.offset(), FrameRecordCodec.decode(record.value()).jpeg());
                }
            }
            image = readAhead.remove(offset);
            if (image != null) {
                return image;
            }
            if (!readAhead.isEmpty() && readAhead.firstKey() > offset) {
                throw new IllegalStateException("frame image at offset " + offset + " of " + partition.topic()
                        + " is gone (retention removed it)");
            }
        }
        throw new BrokerUnavailableException("frame image at offset " + offset + " of " + partition.topic()
                + " not read within " + timeout);
    }

    @Override
    public void close() {
        consumer.close(Duration.ZERO);
    }
}
