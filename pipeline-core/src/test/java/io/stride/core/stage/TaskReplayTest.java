package io.stride.core.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.kafka.KafkaSettings;
import io.stride.core.testing.TestBroker;
import io.stride.core.topic.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaskReplayTest {

    private static TestBroker broker;
    private static KafkaSettings kafka;

    @BeforeAll
    static void startBroker() {
        broker = new TestBroker();
        kafka = broker.kafkaSettings();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void handsOverEachFrameBeforeTheLimitOnceAndInOrder() {
        String taskId = UUID.randomUUID().toString();
        // Frames 3 and 4 were redelivered by a restarted upstream stage.
        String topic = publish(taskId, 0, 1, 2, 3, 4, 3, 4, 5, 6, 7);

        List<Long> seen = new ArrayList<>();
        long replayed = new TaskReplay(new KafkaClients(kafka), Duration.ofSeconds(30)).replay(topic, 6, f -> seen.add(f.frameIndex()));

        assertThat(replayed).isEqualTo(6);
        assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void nothingToReplayBeforeTheFirstFrame() {
        List<Long> seen = new ArrayList<>();
        long replayed = new TaskReplay(new KafkaClients(kafka), Duration.ofSeconds(30))
                .replay("topic-never-read", 0, f -> seen.add(f.frameIndex()));

        assertThat(replayed).isZero();
        assertThat(seen).isEmpty();
    }

    @Test
    void replayFromACheckpointReadsOnlyTheFramesAfterItWhateverWasRedelivered() {
        String taskId = UUID.randomUUID().toString();
        // Two restarts upstream: frames 3-4 and 6-8 were sent twice; the topic ends with the end-of-stream marker.
        String topic = publish(taskId, 0, 1, 2, 3, 4, 3, 4, 5, 6, 7, 8, 6, 7, 8, 9, 10, 11, -1);

        for (long from : new long[] {0, 3, 4, 6, 7, 10}) {
            List<Long> seen = new ArrayList<>();
            long replayed = new TaskReplay(new KafkaClients(kafka), Duration.ofSeconds(30))
                    .replayResults(topic, from, 11, f -> seen.add(f.frameIndex()));

            assertThat(replayed).as("from frame %d", from).isEqualTo(11 - from);
            assertThat(seen).as("from frame %d", from)
                    .isEqualTo(java.util.stream.LongStream.range(from, 11).boxed().toList());
        }
    }

    @Test
    void replayFromACheckpointNeedsNoFrameBeforeIt() throws Exception {
        String taskId = UUID.randomUUID().toString();
        String topic = publish(taskId, 0, 1, 2, 3, 4, 5, 6);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            // What retention does to a long task: its first records are gone.
            admin.deleteRecords(Map.of(new org.apache.kafka.common.TopicPartition(topic, 0),
                    org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(4))).all().get();
        }
        var replay = new TaskReplay(new KafkaClients(kafka), Duration.ofSeconds(30));

        List<Long> seen = new ArrayList<>();
        assertThat(replay.replayResults(topic, 5, 7, f -> seen.add(f.frameIndex()))).isEqualTo(2);
        assertThat(seen).containsExactly(5L, 6L);
        assertThatThrownBy(() -> replay.replayResults(topic, 2, 7, f -> { }))
                .isInstanceOf(TaskReplay.TaskReplayException.class)
                .hasMessage("cannot rebuild the task's state: " + topic
                        + " no longer holds frame 2; its retention removed it");
    }

    @Test
    void topicThatLostItsFirstFramesCannotRebuild() {
        String taskId = UUID.randomUUID().toString();
        String topic = publish(taskId, 2, 3, 4);

        assertThatThrownBy(() -> new TaskReplay(new KafkaClients(kafka), Duration.ofSeconds(30)).replay(topic, 3, f -> { }))
                .isInstanceOf(TaskReplay.TaskReplayException.class)
                .hasMessage("cannot rebuild the task's state: " + topic
                        + " no longer holds frame 0 (first left: 2); its retention removed it");
    }

    @Test
    void topicThatEndsTooEarlyCannotRebuild() {
        String taskId = UUID.randomUUID().toString();
        String topic = publish(taskId, 0, 1);

        assertThatThrownBy(() -> new TaskReplay(new KafkaClients(kafka), Duration.ofSeconds(30)).replay(topic, 5, f -> { }))
                .isInstanceOf(TaskReplay.TaskReplayException.class)
                .hasMessage("cannot rebuild the task's state: " + topic + " ends before frame 2 (needed up to 4)");
    }

    @Test
    void aDeletedTopicEndsTheReplayAtOnceInsteadOfAfterTheTimeout() throws Exception {
        String taskId = UUID.randomUUID().toString();
        String topic = publish(taskId, 0, 1, 2);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.deleteTopics(List.of(topic)).all().get();
        }

        long start = System.nanoTime();
        assertThatThrownBy(() -> new TaskReplay(new KafkaClients(kafka), Duration.ofMinutes(4)).replay(topic, 3, f -> { }))
                .isInstanceOf(TaskReplay.TaskReplayException.class)
                .hasMessage("cannot rebuild the task's state: " + topic + " was deleted (the task ended)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    private static String publish(String taskId, long... frameIndices) {
        String topic = Stage.YOLOX.topic(taskId);
        broker.createTopics(topic);
        try (var producer = new KafkaProducer<String, byte[]>(kafka.frameProducer())) {
            for (long index : frameIndices) {
                FrameRecord frame = index < 0 ? FrameRecord.endOfStream(taskId, 12, 25, 4, 2)
                        : FrameRecord.frame(taskId, index, index * 40_000, 25, 4, 2, new byte[] {1});
                producer.send(new ProducerRecord<>(topic, FrameRecordCodec.encode(frame)));
            }
            producer.flush();
        }
        return topic;
    }
}
