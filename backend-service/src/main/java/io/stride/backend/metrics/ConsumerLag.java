package io.stride.backend.metrics;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Records a consumer group has yet to read: for each partition, from where the group will read next to the end
 * of the log. A partition the group has not committed on yet is read from the start of its log (the stages
 * consume with {@code auto.offset.reset=earliest}), and so is one whose committed offset retention has already
 * deleted.
 */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    /**
     * @param endOffsets   the next offset to be written, per partition: the partitions counted
     * @param startOffsets the first offset still in each partition's log; a partition missing here starts at 0
     * @param committed    the group's committed offset per partition, missing where it has none
     * @return the total lag over the partitions of {@code endOffsets}, never negative
     */
    public static long of(Map<TopicPartition, Long> endOffsets, Map<TopicPartition, Long> startOffsets,
                          Map<TopicPartition, Long> committed) {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            long logStart = startOffsets.getOrDefault(end.getKey(), 0L);
            long next = Math.max(committed.getOrDefault(end.getKey(), logStart), logStart);
            total += Math.max(0, end.getValue() - next);
        }
        return total;
    }
}
