package io.stride.backend.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

    private static final TopicPartition TASK_A = new TopicPartition("raw_frames_a", 0);
    private static final TopicPartition TASK_B = new TopicPartition("raw_frames_b", 0);

    @Test
    void sumsWhatEachPartitionHasLeftAfterTheCommittedOffset() {
        long lag = ConsumerLag.of(Map.of(TASK_A, 100L, TASK_B, 40L), Map.of(TASK_A, 0L, TASK_B, 0L),
                Map.of(TASK_A, 70L, TASK_B, 38L));

        assertThat(lag).isEqualTo(30 + 2);
    }

    @Test
    void aPartitionNeverCommittedOnIsReadFromTheStartOfItsLog() {
        long lag = ConsumerLag.of(Map.of(TASK_A, 100L), Map.of(TASK_A, 25L), Map.of());

        assertThat(lag).isEqualTo(75);
    }

    @Test
    void aCommitBehindTheLogStartCountsFromTheLogStart() {
        long lag = ConsumerLag.of(Map.of(TASK_A, 100L), Map.of(TASK_A, 90L), Map.of(TASK_A, 10L));

        assertThat(lag).isEqualTo(10);
    }

    @Test
    void aFullyConsumedPartitionHasNoLagAndCommitsOfOtherTopicsAreIgnored() {
        long lag = ConsumerLag.of(Map.of(TASK_A, 100L), Map.of(), Map.of(TASK_A, 100L, TASK_B, 3L));

        assertThat(lag).isZero();
    }

    @Test
    void noPartitionsNoLag() {
        assertThat(ConsumerLag.of(Map.of(), Map.of(), Map.of(TASK_A, 5L))).isZero();
    }
}
