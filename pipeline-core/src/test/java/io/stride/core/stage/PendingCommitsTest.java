package io.stride.core.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class PendingCommitsTest {

    private static final TopicPartition A = new TopicPartition("raw_frames_a", 0);
    private static final TopicPartition B = new TopicPartition("raw_frames_b", 0);

    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * A consumer whose commits a rebalance in progress refuses while {@code rebalancing} is set, and whose commits
     * naming a {@code deleted} topic time out, as the broker refuses them until the client gives up.
     */
    private static final class RebalancingConsumer extends MockConsumer<String, byte[]> {
        boolean rebalancing;
        final Set<String> deleted = new HashSet<>();

        RebalancingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            assertThat(timeout).isEqualTo(COMMIT_TIMEOUT);
            if (rebalancing) {
                throw new RebalanceInProgressException("rebalancing");
            }
            if (offsets.keySet().stream().anyMatch(partition -> deleted.contains(partition.topic()))) {
                throw new TimeoutException("Timeout of " + timeout.toMillis() + "ms expired before committing");
            }
            super.commitSync(offsets, timeout);
        }

        @Override
        public synchronized Map<String, List<PartitionInfo>> listTopics(Duration timeout) {
            Map<String, List<PartitionInfo>> topics = new HashMap<>();
            for (TopicPartition partition : assignment()) {
                if (!deleted.contains(partition.topic())) {
                    topics.put(partition.topic(), List.of());
                }
            }
            return topics;
        }
    }

    private final RebalancingConsumer consumer = new RebalancingConsumer();
    private final PendingCommits commits = new PendingCommits(consumer, COMMIT_TIMEOUT);

    @Test
    void aCommitNamingADeletedTopicGivesUpAfterTheTimeoutAndThatTopicsOffsetsAreDropped() {
        consumer.assign(List.of(A, B));
        commits.add(Map.of(A, new OffsetAndMetadata(1), B, new OffsetAndMetadata(7)));
        consumer.deleted.add(A.topic());

        assertThat(commits.commit()).isFalse();
        assertThat(commits.pending()).containsExactly(Map.entry(B, new OffsetAndMetadata(7)));

        assertThat(commits.commit()).isTrue();
        assertThat(consumer.committed(Set.of(A, B))).doesNotContainKey(A).containsEntry(B, new OffsetAndMetadata(7));
    }

    @Test
    void anEndedTasksRefusedCommitIsDroppedSoThatItsDeletedTopicNeverBlocksACommit() {
        consumer.assign(List.of(A, B));
        consumer.rebalancing = true;
        commits.add(Map.of(A, new OffsetAndMetadata(241), B, new OffsetAndMetadata(7)));
        assertThat(commits.commit()).isFalse();

        commits.forget(A);
        consumer.rebalancing = false;

        assertThat(commits.commit()).isTrue();
        assertThat(consumer.committed(Set.of(A, B))).doesNotContainKey(A).containsEntry(B, new OffsetAndMetadata(7));
    }

    @Test
    void commitsAtOnceOutsideARebalance() {
        consumer.assign(List.of(A));
        commits.add(Map.of(A, new OffsetAndMetadata(5)));

        assertThat(commits.commit()).isTrue();
        assertThat(consumer.committed(Set.of(A))).containsEntry(A, new OffsetAndMetadata(5));
        assertThat(commits.pending()).isEmpty();
    }

    @Test
    void aRefusedCommitWaitsAndTheLatestOffsetGoesOnceTheRebalanceIsOver() {
        consumer.assign(List.of(A));
        consumer.rebalancing = true;
        commits.add(Map.of(A, new OffsetAndMetadata(5)));

        assertThat(commits.commit()).isFalse();
        commits.add(Map.of(A, new OffsetAndMetadata(9)));
        assertThat(commits.pending()).containsExactly(Map.entry(A, new OffsetAndMetadata(9)));

        consumer.rebalancing = false;
        assertThat(commits.commit()).isTrue();
        assertThat(consumer.committed(Set.of(A))).containsEntry(A, new OffsetAndMetadata(9));
    }

    @Test
    void aRevokedPartitionIsCommittedOnItsWayOut() {
        consumer.assign(List.of(A, B));
        commits.add(Map.of(A, new OffsetAndMetadata(3), B, new OffsetAndMetadata(4)));

        commits.onPartitionsRevoked(List.of(A));

        assertThat(consumer.committed(Set.of(A))).containsEntry(A, new OffsetAndMetadata(3));
        assertThat(commits.pending()).containsExactly(Map.entry(B, new OffsetAndMetadata(4)));
    }

    @Test
    void aLostPartitionOrOneNoLongerOwnedIsLeftToItsNextOwner() {
        consumer.assign(List.of(A, B));
        commits.add(Map.of(A, new OffsetAndMetadata(3), B, new OffsetAndMetadata(4)));
        commits.onPartitionsLost(List.of(A));
        consumer.assign(List.of(A));

        assertThat(commits.commit()).isTrue();
        assertThat(consumer.committed(Set.of(A, B))).isEmpty();
    }
}
