package io.stride.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import io.stride.annotation.draw.ResultPainter;
import io.stride.annotation.live.LiveOutputs;
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
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9: an annotation instance that dies (or loses the task) mid-way is replaced by one that meets the task
 * mid-stream; it rebuilds the earlier frames from the task's rtmpose topic on a real broker, and the result
 * holds every frame once, in order.
 */
class AnnotationRebuildTest {

    private static final int FRAMES = 40;
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final double FPS = 25;
    private static final int BATCH = 8;
    /** Longer than the task: these tests are about rebuilding from frame 0, when there is no durable point. */
    private static final int SEGMENT_FRAMES = 300;
    /** The track's box: 60x120 at x = 20 + 5 px a frame, so a frame drawn out of place shows. */
    private static final int BOX_STEP = 5;
    private static final ResultPainter PAINTER = new ResultPainter(0.3f, Set.of(0));

    private static TestBroker broker;
    private static KafkaSettings kafka;
    private static TaskEventPublisher events;

    @TempDir
    Path results;

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
    void aRestartedInstanceRebuildsTheFramesItMissedAndCompletesTheTaskFrameForFrame() throws Exception {
        String taskId = TopicNames.newTaskId();
        List<FrameRecord> task = publishTask(taskId, 0);

        AnnotationProcessor killed = newProcessor();
        feed(killed, task.subList(0, 20));
        // SIGKILL: the instance is gone without closing; its partial files stay behind. Its last commit was
        // at frame 16, so its successor reads from there.
        AnnotationProcessor restarted = newProcessor();
        feed(restarted, task.subList(16, task.size()));

        ResultFiles files = new ResultFiles(results);
        assertThat(listFiles()).containsExactlyInAnyOrder(files.video(taskId), files.annotations(taskId));
        assertThat(annotatedIndices(files.annotations(taskId))).containsExactlyElementsOf(indices(FRAMES));
        List<Mat> video = decode(files.video(taskId));
        assertThat(video).hasSize(FRAMES);
        assertDrawnAsDetected(video.get(3), task, 3);
        assertDrawnAsDetected(video.get(30), task, 30);
        assertThat(lastEvent(taskId)).extracting(TaskEvent::type, TaskEvent::frameCount)
                .containsExactly(TaskEvent.Type.COMPLETED, (long) FRAMES);

        // The dead instance's state, were it still around, must not touch what is now in place.
        killed.close();
        assertThat(listFiles()).containsExactlyInAnyOrder(files.video(taskId), files.annotations(taskId));
    }

    @Test
    void anInstanceThatGetsATaskBackAfterAnotherTookItOverRebuildsInsteadOfFinishingItsStaleFiles()
            throws Exception {
        String taskId = TopicNames.newTaskId();
        List<FrameRecord> task = publishTask(taskId, 0);
        AnnotationProcessor first = newProcessor();
        AnnotationProcessor second = newProcessor();

        feed(first, task.subList(0, 10));
        // A rebalance moves the task to the second instance, which has never seen it…
        feed(second, task.subList(10, 24));
        // …and back: the first instance's files were replaced meanwhile, so what it holds is stale.
        feed(first, task.subList(24, task.size()));
        // The second instance gives the task up (it hears nothing more of it): nothing of the first's goes.
        second.close();

        ResultFiles files = new ResultFiles(results);
        assertThat(listFiles()).containsExactlyInAnyOrder(files.video(taskId), files.annotations(taskId));
        assertThat(annotatedIndices(files.annotations(taskId))).containsExactlyElementsOf(indices(FRAMES));
        List<Mat> video = decode(files.video(taskId));
        assertThat(video).hasSize(FRAMES);
        assertDrawnAsDetected(video.get(12), task, 12);
        assertDrawnAsDetected(video.get(26), task, 26);
    }

    @Test
    void aTaskWhosePartialFilesWereRemovedIsNotRebuiltButFailsSayingWhy() throws Exception {
        String taskId = TopicNames.newTaskId();
        List<FrameRecord> task = publishTask(taskId, 0);
        AnnotationProcessor processor = newProcessor();
        feed(processor, task.subList(0, 10));

        // What the backend does to a cancelled task's files while its frames are still on their way.
        for (Path file : listFiles()) {
            Files.delete(file);
        }

        assertThatThrownBy(() -> processor.process(task.subList(10, 12)))
                .hasMessage("its partial files were removed: the task was cancelled or deleted");
        processor.taskEnded(taskId);
        assertThat(listFiles()).isEmpty();
    }

    @Test
    void aTaskWhoseFirstFramesAreNoLongerOnTheTopicFailsWithTheReason() throws Exception {
        String taskId = TopicNames.newTaskId();
        List<FrameRecord> task = publishTask(taskId, 5);
        AnnotationProcessor processor = newProcessor();

        assertThatThrownBy(() -> processor.process(task.subList(2, 6)))
                .hasMessage("cannot rebuild the task's state: " + Stage.RTMPOSE.topic(taskId)
                        + " no longer holds frame 0 (first left: 5); its retention removed it");
        processor.taskEnded(taskId); // what the runner does after failing the task

        assertThat(listFiles()).isEmpty();
    }

    private AnnotationProcessor newProcessor() {
        var writers = new ResultWriters(new ResultFiles(results), new H264Settings("veryfast", 23, 1.0), SEGMENT_FRAMES);
        var earlierFrames = EarlierFrames.of(new TaskReplay(new KafkaClients(kafka), Duration.ofSeconds(30)), Stage.RTMPOSE);
        return new AnnotationProcessor(writers, PAINTER, events, earlierFrames, LiveOutputs.NONE,
                Duration.ofMinutes(10), Clock.systemUTC());
    }

    /** The task's frames from {@code firstFrame} and its end-of-stream, as the rtmpose stage left them. */
    private static List<FrameRecord> publishTask(String taskId, int firstFrame) throws Exception {
        List<FrameRecord> records = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            records.add(frame(taskId, i));
        }
        records.add(FrameRecord.endOfStream(taskId, FRAMES, FPS, WIDTH, HEIGHT));
        String topic = Stage.RTMPOSE.topic(taskId);
        broker.createTopics(topic);
        try (var producer = new KafkaProducer<String, byte[]>(kafka.frameProducer())) {
            for (FrameRecord record : records.subList(firstFrame, records.size())) {
                producer.send(new ProducerRecord<>(topic, FrameRecordCodec.encode(record))).get();
            }
        }
        return records;
    }

    /** Grey, a shade lighter every frame, with one tracked person walking right. */
    private static FrameRecord frame(String taskId, int index) {
        int shade = 60 + index;
        try (Scalar grey = new Scalar(shade, shade, shade, 0); Mat image = new Mat(HEIGHT, WIDTH, CV_8UC3, grey)) {
            float left = 20 + BOX_STEP * index;
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

    /**
     * The output frame shows the frame's own box: around its left edge it looks like the frame drawn here far
     * more than like the frames before or after it (whose boxes stand {@value #BOX_STEP} px away) or like the
     * input without drawing.
     */
    private static void assertDrawnAsDetected(Mat output, List<FrameRecord> task, int index) {
        int x = (int) task.get(index).tracks().get(0).box().x1();
        double own = differenceAroundEdge(output, task.get(index), x, true);
        assertThat(own).as("frame %d: box drawn as detected", index)
                .isLessThan(differenceAroundEdge(output, task.get(index - 1), x, true) / 3)
                .isLessThan(differenceAroundEdge(output, task.get(index + 1), x, true) / 3)
                .isLessThan(differenceAroundEdge(output, task.get(index), x, false) / 3);
    }

    /** Compared in brightness: 4:2:0 H.264 keeps a thin line's brightness but smears its colour. */
    private static double differenceAroundEdge(Mat output, FrameRecord frame, int x, boolean drawn) {
        try (Mat expected = JpegCodec.decode(frame.jpeg());
             Mat expectedLuma = new Mat();
             Mat outputLuma = new Mat()) {
            if (drawn) {
                PAINTER.paint(expected, frame);
            }
            cvtColor(expected, expectedLuma, COLOR_BGR2GRAY);
            cvtColor(output, outputLuma, COLOR_BGR2GRAY);
            return meanAbsoluteDifference(outputLuma, expectedLuma, x - 8, 100, x + 8, 170);
        }
    }

    private List<Path> listFiles() throws Exception {
        try (Stream<Path> files = Files.list(results)) {
            return files.toList();
        }
    }

    private static List<Long> annotatedIndices(Path annotations) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        return Files.readAllLines(annotations).stream().map(line -> json.readTree(line).get("frame").asLong()).toList();
    }

    private static List<Long> indices(int count) {
        return LongStream.range(0, count).boxed().toList();
    }

    private static List<Mat> decode(Path video) throws Exception {
        List<Mat> images = new ArrayList<>();
        try (var grabber = new FFmpegFrameGrabber(video.toFile()); var converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                images.add(converter.convert(frame).clone());
            }
        }
        return images;
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

    private static double meanAbsoluteDifference(Mat a, Mat b, int x1, int y1, int x2, int y2) {
        long sum = 0;
        int n = 0;
        for (int y = y1; y < y2; y++) {
            for (int x = x1; x < x2; x++) {
                BytePointer pa = a.ptr(y, x);
                BytePointer pb = b.ptr(y, x);
                for (int c = 0; c < a.channels(); c++) {
                    sum += Math.abs((pa.get(c) & 0xff) - (pb.get(c) & 0xff));
                    n++;
                }
            }
        }
        return (double) sum / n;
    }
}
