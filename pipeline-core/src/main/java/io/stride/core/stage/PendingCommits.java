package io.stride.core.stage;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input offsets a stage worker has processed (and whose output the broker acknowledged) but not yet committed.
 * With the cooperative assignor a consumer keeps reading while a rebalance runs, and a commit in that window is
 * refused; the offsets then wait for the next commit instead of the worker giving up its consumer. A partition
 * the rebalance moves away gets its offsets committed on the way out; one that is lost (the member fell out of
 * the group) is read again from its last commit by its next owner, as at-least-once delivery allows. A commit
 * waits for the broker at most {@code commitTimeout}: the broker refuses a commit naming a topic deleted meanwhile
 * (a cancelled task) until the client gives up, and the worker's other tasks would wait as long.
 */
final class PendingCommits implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(PendingCommits.class);

    private final Consumer<?, ?> consumer;
    private final Duration commitTimeout;
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();

    PendingCommits(Consumer<?, ?> consumer, Duration commitTimeout) {
        this.consumer = consumer;
        this.commitTimeout = commitTimeout;
    }

    /** Adds processed offsets; a later offset of a partition replaces an earlier one. */
    void add(Map<TopicPartition, OffsetAndMetadata> offsets) {
        pending.putAll(offsets);
    }

    /**
     * Commits what is pending for the partitions the consumer still owns.
     *
     * @return whether nothing is left pending; false while a rebalance refuses the commit or the broker does not
     *         confirm it in time
     */
    boolean commit() {
        pending.keySet().retainAll(consumer.assignment());
        if (pending.isEmpty()) {
            return true;
        }
        try {
            consumer.commitSync(pending, commitTimeout);
            pending.clear();
            return true;
        } catch (RebalanceInProgressException e) {
            log.debug("Commit of {} deferred until the rebalance completes", pending.keySet());
            return false;
        } catch (TimeoutException e) {
            dropDeletedTopics();
            log.info("Commit not confirmed within {}; {} stay pending for the next", commitTimeout, pending.keySet());
            return false;
        }
    }

    /** Drops the offsets of partitions whose topic is gone: no commit of them can ever succeed. */
    private void dropDeletedTopics() {
        try {
            Set<String> existing = consumer.listTopics(commitTimeout).keySet();
            pending.keySet().removeIf(partition -> !existing.contains(partition.topic()));
        } catch (KafkaException e) {
            // The broker does not answer: everything stays pending.
        }
    }

    /**
     * Drops what is pending for the partition of a task that has ended. Its topic is deleted soon after, and a
     * commit that names a deleted topic is retried until it times out (60 s), stalling every other task of the
     * worker; left uncommitted, the task's tail is at most read again and skipped downstream.
     */
    void forget(TopicPartition partition) {
        pending.remove(partition);
    }

    /** Offsets waiting for a commit. */
    Map<TopicPartition, OffsetAndMetadata> pending() {
        return Map.copyOf(pending);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>();
        partitions.forEach(partition -> {
            OffsetAndMetadata offset = pending.remove(partition);
            if (offset != null) {
                leaving.put(partition, offset);
            }
        });
        if (leaving.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(leaving, commitTimeout);
        } catch (KafkaException e) {
            // Refused by the rebalance, or timed out: never let the rebalance itself fail over it.
            log.info("Offsets of revoked partitions not committed, their next owner reads them again: {}", e.toString());
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        // Nothing to do: a new partition starts from its last commit.
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        pending.keySet().removeAll(partitions);
    }
}
