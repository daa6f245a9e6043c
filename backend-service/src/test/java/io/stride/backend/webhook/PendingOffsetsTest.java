package io.stride.backend.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PendingOffsetsTest {

    private static final TopicPartition PARTITION = new TopicPartition("stride_analytics_events", 0);

    @Test
    void commitsUpToTheOldestRecordNotSettled() {
        var offsets = new PendingOffsets();
        Runnable first = offsets.take(PARTITION, 10);
        Runnable second = offsets.take(PARTITION, 11);
        Runnable third = offsets.take(PARTITION, 12);

        assertThat(offsets.committable().get(PARTITION).offset()).isEqualTo(10);
        second.run();
        assertThat(offsets.committable().get(PARTITION).offset()).as("11 settled, 10 not").isEqualTo(10);
        first.run();
        assertThat(offsets.committable().get(PARTITION).offset()).isEqualTo(12);
        third.run();
        assertThat(offsets.committable().get(PARTITION).offset()).as("all settled: after the last").isEqualTo(13);

        offsets.forget(List.of(PARTITION));
        assertThat(offsets.committable()).isEmpty();
    }
}
