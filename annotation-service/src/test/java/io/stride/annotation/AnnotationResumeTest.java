package io.stride.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.stride.annotation.draw.ResultPainter;
import io.stride.annotation.live.LiveOutputs;
import io.stride.annotation.output.FfmpegTools;
import io.stride.annotation.output.H264Settings;
import io.stride.annotation.output.ResultWriters;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.frame.TrackedObject;
import io.stride.core.image.JpegCodec;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.kafka.KafkaSettings;
import io.stride.core.result.ResultFiles;
import io.stride.core.stage.TaskReplay;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventCodec;
import io.stride.core.task.TaskEventPublisher;
import io.stride.core.testing.TestBroker;
import io.stride.core.topic.Stage;
import io.stride.core.topic.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a task of any length survives a restart. The killed instance's closed segments stay; the next one
 * goes on from the last of them, reading back only the frames since, on a real broker whose retention has
 * already removed the task's first frames, and the result is the uninterrupted run's, bit for bit.
 */
class AnnotationResumeTest {

    private static final int FRAMES = 70;
    /** Segments of frames 0-19, 20-39, 40-59 and 60-69. */
    private static final int SEGMENT_FRAMES = 20;
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final double FPS = 25;
    private static final int BATCH = 8;
    private static final ResultPainter PAINTER = new ResultPainter(0.3f, Set.of(0));

    private static TestBroker broker;
    private static KafkaSettings kafka;
    private static TaskEventPublisher events;

    @TempDir
    Path results;
    @TempDir
    Path uninterruptedResults;

    @BeforeAll
    static void startBroker() {
        broker = new TestBroker();
        broker.createTopics(TopicNames.TASK_EVENTS);
        kafka = broker.kafkaSettings();
        events = new TaskEventPublisher(new KafkaClients(kafka));
    }

    @AfterAll
    static void stopBroker() {
        events.close();
        broker.close();
    }

    @Test
    void aKilledInstancesTaskIsResumedFromItsLastClosedSegmentAfterRetentionRemovedItsStart() throws Exception {
        String taskId = TopicNames.newTaskId();
        List<FrameRecord> task = publishTask(taskId);
        ResultFiles uninterrupted = new ResultFiles(uninterruptedResults);
        feed(newProcessor(uninterruptedResults), task);

        AnnotationProcessor killed = newProcessor(results);
        feed(killed, task.subList(0, 52));
        // SIGKILL two and a half segments in: never closed. Frames 0-39 are durable in two closed segments.
        // Retention then removes the task's first records, up to just before the last durable frame.
        deleteRecordsBefore(Stage.RTMPOSE.topic(taskId), 39);
        assertThatThrownBy(() -> replayFromFrame0(taskId)).hasMessageContaining("no longer holds frame 0");

        // The next instance meets the task at its predecessor's last commit, frame 48: it reads back 40-47 only.
        AnnotationProcessor restarted = newProcessor(results);
        feed(restarted, task.subList(48, task.size()));

        ResultFiles files = new ResultFiles(results);
        assertThat(listFiles()).containsExactlyInAnyOrder(files.video(taskId), files.annotations(taskId));
        FfmpegTools.Probe probe = FfmpegTools.probe(files.video(taskId));
        assertThat(probe.frames()).isEqualTo(FRAMES);
        assertThat(probe.durationSeconds()).isEqualTo(FRAMES / FPS);
        assertThat(FfmpegTools.decodeErrors(files.video(taskId))).isEmpty();
        assertThat(FfmpegTools.packetDigests(files.video(taskId))).as("every frame once, as uninterrupted")
                .hasSize(FRAMES).containsExactlyElementsOf(FfmpegTools.packetDigests(uninterrupted.video(taskId)));
        assertThat(files.annotations(taskId)).hasSameBinaryContentAs(uninterrupted.annotations(taskId));
        assertThat(lastEvent(taskId)).extracting(TaskEvent::type, TaskEvent::frameCount)
                .containsExactly(TaskEvent.Type.COMPLETED, (long) FRAMES);

        // The killed instance's state, were it still around, must not touch what is now in place.
        killed.close();
        assertThat(listFiles()).containsExactlyInAnyOrder(files.video(taskId), files.annotations(taskId));
    }

    @Test
    void anInstanceThatGetsATaskBackResumesFromTheNewOwnersPointAndNeverDeletesItsFiles() throws Exception {
        String taskId = TopicNames.newTaskId();
        List<FrameRecord> task = publishTask(taskId);
        ResultFiles uninterrupted = new ResultFiles(uninterruptedResults);
        feed(newProcessor(uninterruptedResults), task);
        AnnotationProcessor first = newProcessor(results);
        AnnotationProcessor second = newProcessor(results);

        feed(first, task.subList(0, 24));
        // A rebalance moves the task to the second instance, which resumes after segment 0…
        feed(second, task.subList(24, 50));
        // …and back: the first instance's files were taken over, so it resumes from the second's point (40).
        feed(first, task.subList(50, task.size()));
        second.close();

        ResultFiles files = new ResultFiles(results);
        assertThat(listFiles()).containsExactlyInAnyOrder(files.video(taskId), files.annotations(taskId));
        assertThat(FfmpegTools.packetDigests(files.video(taskId)))
                .containsExactlyElementsOf(FfmpegTools.packetDigests(uninterrupted.video(taskId)));
        assertThat(files.annotations(taskId)).hasSameBinaryContentAs(uninterrupted.annotations(taskId));
    }

    private AnnotationProcessor newProcessor(Path directory) {
        var writers = new ResultWriters(new ResultFiles(directory), new H264Settings("veryfast", 23, 1.0),
                SEGMENT_FRAMES);
        var earlierFrames = EarlierFrames.of(new TaskReplay(new KafkaClients(kafka), Duration.ofSeconds(30)), Stage.RTMPOSE);
        return new AnnotationProcessor(writers, PAINTER, events, earlierFrames, LiveOutputs.NONE,
                Duration.ofMinutes(10), Clock.systemUTC());
    }

    /** The task's frames and its end-of-stream, on its rtmpose topic as the rtmpose stage left them. */
    private static List<FrameRecord> publishTask(String taskId) throws Exception {
        List<FrameRecord> records = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            records.add(frame(taskId, i));
        }
        records.add(FrameRecord.endOfStream(taskId, FRAMES, FPS, WIDTH, HEIGHT));
        String topic = Stage.RTMPOSE.topic(taskId);
        broker.createTopics(topic);
        try (var producer = new KafkaProducer<String, byte[]>(kafka.frameProducer())) {
            for (FrameRecord record : records) {
                producer.send(new ProducerRecord<>(topic, FrameRecordCodec.encode(record))).get();
            }
        }
        return records;
    }

    /** Grey, a shade lighter every frame, with one tracked person walking right: no two frames alike. */
    private static FrameRecord frame(String taskId, int index) {
        int shade = 40 + 2 * index;
        try (Scalar grey = new Scalar(shade, shade, shade, 0); Mat image = new Mat(HEIGHT, WIDTH, CV_8UC3, grey)) {
            float left = 20 + 3 * index;
            var box = new BoundingBox(left, 60, left + 60, 180);
            return FrameRecord.frame(taskId, index, index * 40_000L, FPS, WIDTH, HEIGHT, JpegCodec.encode(image, 95))
                    .withTracks(List.of(new TrackedObject(7, box, 0.9f, 0)));
        }
    }

    private static void feed(AnnotationProcessor processor, List<FrameRecord> records) throws Exception {
        for (int from = 0; from < records.size(); from += BATCH) {
            processor.process(records.subList(from, Math.min(records.size(), from + BATCH)));
        }
    }

    private static void replayFromFrame0(String taskId) {
        EarlierFrames.of(new TaskReplay(new KafkaClients(kafka), Duration.ofSeconds(30)), Stage.RTMPOSE)
                .replay(taskId, 0, 1, frame -> { });
    }

    private static void deleteRecordsBefore(String topic, long offset) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(offset))).all().get();
        }
    }

    private List<Path> listFiles() throws Exception {
        try (Stream<Path> files = Files.list(results)) {
            return files.toList();
        }
    }

    private static TaskEvent lastEvent(String taskId) {
        try (var consumer = new KafkaConsumer<String, String>(kafka.eventReader())) {
            TopicPartition partition = new TopicPartition(TopicNames.TASK_EVENTS, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            TaskEvent last = null;
            while (consumer.position(partition) < end) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    TaskEvent event = TaskEventCodec.decode(record.value());
                    if (event.taskId().equals(taskId)) {
                        last = event;
                    }
                }
            }
            return last;
        }
    }
}
