package io.stride.core.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.testing.TestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A task's topic deleted while its offsets wait for a commit (a cancelled task), on a real broker. */
class PendingCommitsOnBrokerTest {

    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(2);
    private static final TopicPartition CANCELLED = new TopicPartition("raw_frames_cancelled", 0);
    private static final TopicPartition RUNNING = new TopicPartition("raw_frames_running", 0);

    private TestBroker broker;
    private KafkaConsumer<String, byte[]> consumer;

    @BeforeEach
    void start() {
        broker = new TestBroker();
        broker.createTopics(CANCELLED.topic(), RUNNING.topic());
        consumer = new KafkaConsumer<>(broker.kafkaSettings().frameConsumer("stride-test", 16));
        consumer.assign(List.of(CANCELLED, RUNNING));
    }

    @AfterEach
    void stop() {
        consumer.close(Duration.ZERO);
        broker.close();
    }

    @Test
    void aDeletedTopicHoldsTheCommitUpForTheCommitTimeoutOnlyAndTheOtherTasksOffsetsAreCommitted() throws Exception {
        var commits = new PendingCommits(consumer, COMMIT_TIMEOUT);
        commits.add(Map.of(CANCELLED, new OffsetAndMetadata(1), RUNNING, new OffsetAndMetadata(7)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.deleteTopics(List.of(CANCELLED.topic())).all().get();
        }

        long start = System.nanoTime();
        boolean first = commits.commit();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        boolean second = commits.commit();

        assertThat(first).isFalse();
        // The client's own limit is 60 s; ours is the commit timeout, plus one for asking which topics exist.
        assertThat(took).isLessThan(COMMIT_TIMEOUT.multipliedBy(2).plusSeconds(3));
        assertThat(second).isTrue();
        assertThat(commits.pending()).isEmpty();
        assertThat(consumer.committed(Set.of(RUNNING))).containsEntry(RUNNING, new OffsetAndMetadata(7));
    }
}
