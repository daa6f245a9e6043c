package io.stride.backend.webhook;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of the records being handled, settled in any order (each task's deliveries go at their own pace), and
 * how far each partition may be committed: up to its oldest unsettled record, so that a backend that stops reads
 * again what was not yet delivered or given up (webhooks are delivered at least once).
 */
final class PendingOffsets {

    private final Map<TopicPartition, NavigableSet<Long>> unsettled = new ConcurrentHashMap<>();
    /** The offset after the last record taken, per partition. */
    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();

    /** A record taken; returns what settles it. */
    Runnable take(TopicPartition partition, long offset) {
        NavigableSet<Long> offsets = unsettled.computeIfAbsent(partition, p -> new ConcurrentSkipListSet<>());
        offsets.add(offset);
        next.merge(partition, offset + 1, Math::max);
        return () -> offsets.remove(offset);
    }

    /** What may be committed now, for the partitions that records were taken from. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((partition, after) -> {
            NavigableSet<Long> open = unsettled.get(partition);
            Long oldest = open == null ? null : open.ceiling(Long.MIN_VALUE);
            offsets.put(partition, new OffsetAndMetadata(oldest == null ? after : oldest));
        });
        return offsets;
    }

    /** Forgets partitions this member no longer reads; records of them still in progress settle into nothing. */
    void forget(Iterable<TopicPartition> partitions) {
        partitions.forEach(partition -> {
            unsettled.remove(partition);
            next.remove(partition);
        });
    }
}
