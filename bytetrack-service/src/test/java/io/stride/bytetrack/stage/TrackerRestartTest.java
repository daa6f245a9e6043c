package io.stride.bytetrack.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.bytetrack.checkpoint.TrackerCheckpoint;
import io.stride.bytetrack.checkpoint.TrackerCheckpoints;
import io.stride.bytetrack.mot.Mot17Detections;
import io.stride.bytetrack.mot.SequenceInfo;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.frame.TrackedObject;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.kafka.KafkaSettings;
import io.stride.core.stage.TaskReplay;
import io.stride.core.testing.TestBroker;
import io.stride.core.topic.Stage;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A tracker stage that is killed and restarted mid-task, or that loses a task to a rebalance, must forward the
 * tracks an uninterrupted run forwards, also when the input topic's retention has removed the task's first frames. The detections are MOT17-02's public FRCNN ones (600 frames of a busy
 * square, 30 fps), published on a real broker's yolox topic; each "instance" is a processor of its own that reads
 * the topic from an offset, as a restarted consumer resumes from its last commit.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrackerRestartTest {

    /** As the stage's default {@code stride.stage.max-poll-records}: the batch a processor gets at once. */
    private static final int POLL_RECORDS = 16;
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8};

    private static TestBroker broker;
    private static KafkaSettings kafka;
    private static List<FrameRecord> sequence;
    /** The checkpoint store of every processor but those of the tests that restart a process. */
    private static TrackerCheckpoints checkpoints;

    @BeforeAll
    static void startBroker() {
        SequenceInfo info = Mot17Detections.info();
        List<List<Detection>> detections = Mot17Detections.byFrame();
        sequence = new ArrayList<>();
        for (int index = 0; index < detections.size(); index++) {
            sequence.add(FrameRecord.frame("", index, Math.round(index * 1e6 / info.frameRate()), info.frameRate(),
                    1920, 1080, JPEG).withDetections(detections.get(index)));
        }
        broker = new TestBroker();
        kafka = broker.kafkaSettings();
        checkpoints = new TrackerCheckpoints(new KafkaClients(kafka), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopBroker() {
        if (checkpoints != null) {
            checkpoints.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aTrackerRestartedAtThirtyPercentForwardsTheTracksOfAnUninterruptedRun() {
        String taskId = publish(frames(0, 600));
        int restartAt = 180;
        List<FrameRecord> uninterrupted = track(newProcessor(), readFrom(taskId, 0));

        List<FrameRecord> beforeKill = track(newProcessor(), readFrom(taskId, 0).subList(0, restartAt));
        List<FrameRecord> afterRestart = track(newProcessor(), readFrom(taskId, restartAt));

        assertThat(tracks(beforeKill)).isEqualTo(tracks(uninterrupted.subList(0, restartAt)));
        assertThat(afterRestart).extracting(FrameRecord::frameIndex)
                .containsExactlyElementsOf(LongStream.range(restartAt, 600).boxed().toList());
        assertThat(tracks(afterRestart)).isEqualTo(tracks(uninterrupted.subList(restartAt, 600)));
        // Without the rebuild the IDs would differ: the test sees the difference it claims to prevent.
        List<FrameRecord> fresh = track(new ByteTrackProcessor(properties()), readFrom(taskId, restartAt));
        assertThat(tracks(fresh)).isNotEqualTo(tracks(uninterrupted.subList(restartAt, 600)));
        assertThat(trackIds(fresh.get(0))).contains(1);
    }

    @Test
    void redeliveredFramesOnTheTopicChangeNeitherTheTracksNorTheRebuild() {
        String clean = publish(frames(0, 600));
        // The detector stage was restarted twice and forwarded frames 20..39 and 150..199 a second time.
        List<FrameRecord> withDuplicates = new ArrayList<>(frames(0, 40));
        withDuplicates.addAll(frames(20, 200));
        withDuplicates.addAll(frames(150, 600));
        String duplicated = publish(withDuplicates);
        List<FrameRecord> reference = track(newProcessor(), readFrom(clean, 0));
        List<FrameRecord> uninterrupted = track(newProcessor(), readFrom(duplicated, 0));

        assertThat(uninterrupted).hasSize(withDuplicates.size());
        for (FrameRecord out : uninterrupted) {
            assertThat(out.tracks()).as("frame %d", out.frameIndex())
                    .isEqualTo(reference.get((int) out.frameIndex()).tracks());
        }
        // Restarts at the first copy of frame 180 and inside the second copies, at frame 170.
        // Offsets: frames 0..39 at 0..39, 20..199 at 40..219, 150..599 at 220..669.
        int firstCopyOf180 = 40 + (180 - 20);
        int secondCopyOf170 = 220 + (170 - 150);
        assertThat(readFrom(duplicated, firstCopyOf180).get(0).frameIndex()).isEqualTo(180);
        assertThat(readFrom(duplicated, secondCopyOf170).get(0).frameIndex()).isEqualTo(170);
        for (int offset : new int[] {firstCopyOf180, secondCopyOf170}) {
            List<FrameRecord> afterRestart = track(newProcessor(), readFrom(duplicated, offset));
            assertThat(tracks(afterRestart)).as("restart at offset %d", offset)
                    .isEqualTo(tracks(uninterrupted.subList(offset, uninterrupted.size())));
        }
    }

    @Test
    void aTaskThatComesBackAfterARebalanceIsRebuiltNotTrackedOnFromWhereItLeft() {
        String taskId = publish(frames(0, 600));
        List<FrameRecord> uninterrupted = track(newProcessor(), readFrom(taskId, 0));
        ByteTrackProcessor first = newProcessor();
        ByteTrackProcessor second = newProcessor();

        track(first, readFrom(taskId, 0).subList(0, 100));
        List<FrameRecord> meanwhile = track(second, readFrom(taskId, 100).subList(0, 100));
        List<FrameRecord> back = track(first, readFrom(taskId, 200));

        assertThat(tracks(meanwhile)).isEqualTo(tracks(uninterrupted.subList(100, 200)));
        assertThat(tracks(back)).isEqualTo(tracks(uninterrupted.subList(200, 600)));
    }

    @Test
    void whenRetentionRemovedTheFirstFramesTheTaskGoesOnWithAFreshTracker(CapturedOutput output) throws Exception {
        String taskId = publish(frames(0, 600));
        int restartAt = 180;
        deleteRecordsBefore(Stage.YOLOX.topic(taskId), 10);

        List<FrameRecord> afterRestart = track(newProcessor(), readFrom(taskId, restartAt));

        List<FrameRecord> fresh = track(new ByteTrackProcessor(properties()), readFrom(taskId, restartAt));
        assertThat(afterRestart).extracting(FrameRecord::frameIndex)
                .containsExactlyElementsOf(LongStream.range(restartAt, 600).boxed().toList());
        assertThat(tracks(afterRestart)).isEqualTo(tracks(fresh));
        assertThat(output.getOut()).contains("Task " + taskId + " met at frame 180: no tracker checkpoint, "
                + "rebuilding from frame 0");
        assertThat(output.getOut()).contains("Task " + taskId + " met at frame 180: its tracker starts afresh there, "
                + "so track IDs restart at 1 (cannot rebuild the task's state: " + Stage.YOLOX.topic(taskId)
                + " no longer holds frame 0 (first left: 10); its retention removed it)");
    }

    /**
     * A tracker stage that has run longer than the topic retention restarts: the task's first 300 frames are gone
     * from its input topic, yet the restarted stage forwards the tracks an uninterrupted run forwards, from its
     * last checkpoint (after frame 299) and the 100 frames after it.
     */
    @Test
    void aTrackerRestartedAfterRetentionRemovedFrameZeroResumesFromItsCheckpoint(CapturedOutput output)
            throws Exception {
        String taskId = publish(frames(0, 600));
        int restartAt = 400;
        List<FrameRecord> uninterrupted = track(new ByteTrackProcessor(properties()), readFrom(taskId, 0));
        try (TrackerCheckpoints killed = new TrackerCheckpoints(new KafkaClients(kafka), Duration.ofSeconds(10))) {
            track(newProcessor(killed), readFrom(taskId, 0).subList(0, restartAt));
            awaitLatestCheckpoint(killed, taskId, 299);
        }
        deleteRecordsBefore(Stage.YOLOX.topic(taskId), 300);

        List<FrameRecord> afterRestart;
        try (TrackerCheckpoints restarted = new TrackerCheckpoints(new KafkaClients(kafka), Duration.ofSeconds(10))) {
            afterRestart = track(newProcessor(restarted), readFrom(taskId, restartAt));
        }

        assertThat(afterRestart).extracting(FrameRecord::frameIndex)
                .containsExactlyElementsOf(LongStream.range(restartAt, 600).boxed().toList());
        assertThat(tracks(afterRestart)).isEqualTo(tracks(uninterrupted.subList(restartAt, 600)));
        assertThat(output.getOut()).containsPattern("Task " + taskId + " met at frame 400: tracker resumed from its "
                + "checkpoint after frame 299 \\(\\d+ bytes\\) and the 100 frames after it on "
                + Stage.YOLOX.topic(taskId) + " in \\d+ ms");
        // Frame 0 is gone: without the checkpoint the IDs would restart, so the test sees what it claims to prevent.
        List<FrameRecord> fresh = track(new ByteTrackProcessor(properties()), readFrom(taskId, restartAt));
        assertThat(tracks(fresh)).isNotEqualTo(tracks(uninterrupted.subList(restartAt, 600)));
    }

    /**
     * The instance before took a checkpoint after frame 299 but crashed before it committed its input beyond frame
     * 279: the restarted one meets frames 280..299 again, which the checkpoint remembers the tracks of.
     */
    @Test
    void aCheckpointAheadOfTheRestartServesTheFramesItRemembers(CapturedOutput output) throws Exception {
        String taskId = publish(frames(0, 600));
        int restartAt = 280;
        List<FrameRecord> uninterrupted = track(new ByteTrackProcessor(properties()), readFrom(taskId, 0));
        track(newProcessor(), readFrom(taskId, 0).subList(0, 320));
        awaitLatestCheckpoint(checkpoints, taskId, 299);
        deleteRecordsBefore(Stage.YOLOX.topic(taskId), 200);

        List<FrameRecord> afterRestart = track(newProcessor(), readFrom(taskId, restartAt));

        assertThat(tracks(afterRestart)).isEqualTo(tracks(uninterrupted.subList(restartAt, 600)));
        assertThat(output.getOut()).contains("Task " + taskId + " met at frame 280: tracker resumed from its "
                + "checkpoint after frame 299");
    }

    /** A checkpoint ahead that no longer remembers the restart frame is not used; frame 0 is still there. */
    @Test
    void aCheckpointTooFarAheadOfTheRestartGivesWayToTheReplayFromFrameZero(CapturedOutput output) {
        String taskId = publish(frames(0, 600));
        List<FrameRecord> uninterrupted = track(new ByteTrackProcessor(properties()), readFrom(taskId, 0));
        track(newProcessor(), readFrom(taskId, 0).subList(0, 320));
        awaitLatestCheckpoint(checkpoints, taskId, 299);

        List<FrameRecord> afterRestart = track(newProcessor(), readFrom(taskId, 20));

        assertThat(tracks(afterRestart)).isEqualTo(tracks(uninterrupted.subList(20, 600)));
        assertThat(output.getOut()).contains("Task " + taskId + " met at frame 20: its tracker checkpoint after "
                + "frame 299 is ahead and no longer holds the tracks of frame 20, rebuilding from frame 0");
    }

    @Test
    void aTaskThatEndedLeavesNoCheckpoint() {
        String taskId = publish(frames(0, 200));
        ByteTrackProcessor processor = newProcessor();
        track(processor, readFrom(taskId, 0));
        awaitLatestCheckpoint(checkpoints, taskId, 149);

        processor.taskEnded(taskId);

        awaitUntil(() -> checkpoints.latest(taskId).isEmpty(), "the checkpoint of " + taskId + " is deleted");
    }

    @Test
    void theCheckpointTopicIsCompactedWithOnePartition() throws Exception {
        awaitUntil(() -> broker.topics().contains(TopicNames.TRACKER_CHECKPOINTS), "the checkpoint topic exists");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, TopicNames.TRACKER_CHECKPOINTS);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            TopicDescription topic = admin.describeTopics(List.of(TopicNames.TRACKER_CHECKPOINTS))
                    .allTopicNames().get().get(TopicNames.TRACKER_CHECKPOINTS);

            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
            assertThat(topic.partitions()).hasSize(1);
        }
    }

    private static ByteTrackProcessor newProcessor() {
        return newProcessor(checkpoints);
    }

    private static ByteTrackProcessor newProcessor(TrackerCheckpoints store) {
        var replay = new TaskReplay(new KafkaClients(kafka), Duration.ofSeconds(30));
        return new ByteTrackProcessor(properties(), replay, Stage.YOLOX, store);
    }

    /** Checkpoints go out without the tracker waiting for them; a test that needs one acknowledged waits here. */
    private static void awaitLatestCheckpoint(TrackerCheckpoints store, String taskId, long frameIndex) {
        awaitUntil(() -> store.latest(taskId).map(TrackerCheckpoint::frameIndex).orElse(-1L) == frameIndex,
                "the latest checkpoint of " + taskId + " is after frame " + frameIndex);
    }

    private static void awaitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static ByteTrackProperties properties() {
        return new ByteTrackProperties(List.of(0), 0.5, 0.1, 0.1, 0.8, 0.5, 0.7, 30, 0.15, true, 10, 1.6,
                1.0 / 20, 1.0 / 160, 30, 256, Duration.ofSeconds(60), 150);
    }

    /** Feeds the records in poll-sized batches, as the stage runtime does. */
    private static List<FrameRecord> track(ByteTrackProcessor processor, List<FrameRecord> records) {
        List<FrameRecord> out = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += POLL_RECORDS) {
            out.addAll(processor.process(records.subList(from, Math.min(records.size(), from + POLL_RECORDS))));
        }
        return out;
    }

    private static List<FrameRecord> frames(int from, int to) {
        return sequence.subList(from, to);
    }

    /** Publishes the frames, in this order, as a new task's yolox topic; returns the task id. */
    private static String publish(List<FrameRecord> frames) {
        String taskId = UUID.randomUUID().toString();
        String topic = Stage.YOLOX.topic(taskId);
        broker.createTopics(topic);
        try (var producer = new KafkaProducer<String, byte[]>(kafka.frameProducer())) {
            for (FrameRecord frame : frames) {
                FrameRecord ofTask = FrameRecord.frame(taskId, frame.frameIndex(), frame.ptsMicros(), frame.fps(),
                        frame.width(), frame.height(), frame.jpeg()).withDetections(frame.detections());
                producer.send(new ProducerRecord<>(topic, taskId, FrameRecordCodec.encode(ofTask)));
            }
            producer.flush();
        }
        return taskId;
    }

    /** The task's yolox records from {@code offset} to the end, as a consumer resuming at that commit reads them. */
    private static List<FrameRecord> readFrom(String taskId, long offset) {
        TopicPartition partition = new TopicPartition(Stage.YOLOX.topic(taskId), 0);
        List<FrameRecord> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(kafka.replayConsumer())) {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            consumer.seek(partition, offset);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(FrameRecordCodec.decode(record.value()));
                }
            }
        }
        return records;
    }

    private static void deleteRecordsBefore(String topic, long offset) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(offset)))
                    .all().get();
        }
    }

    private static List<List<TrackedObject>> tracks(List<FrameRecord> records) {
        return records.stream().map(FrameRecord::tracks).toList();
    }

    private static List<Integer> trackIds(FrameRecord record) {
        return record.tracks().stream().map(TrackedObject::trackId).toList();
    }
}
