package io.stride.annotation;

import static io.stride.annotation.ProcessorFixtures.PAINTER;
import static io.stride.annotation.ProcessorFixtures.feed;
import static io.stride.annotation.ProcessorFixtures.greyFrame;
import static io.stride.annotation.ProcessorFixtures.listFiles;
import static io.stride.annotation.ProcessorFixtures.meanAbsoluteDifference;
import static io.stride.annotation.ProcessorFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.StageOptions;
import io.stride.core.frame.TrackedObject;
import io.stride.core.image.JpegCodec;
import io.stride.core.result.ResultFiles;
import io.stride.core.task.TaskEvent;
import io.stride.core.topic.Stage;
import io.stride.core.topic.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AutoClose;
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
    /** Longer than the task: these tests are about rebuilding from frame 0, when there is no durable point. */
    private static final int SEGMENT_FRAMES = 300;
    /** The track's box: 60x120 at x = 20 + 5 px a frame, so a frame drawn out of place shows. */
    private static final int BOX_STEP = 5;

    @AutoClose
    private static final AnnotationBroker broker = new AnnotationBroker();

    @TempDir
    Path results;

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

        assertEveryFrameOnceDrawnAsDetected(taskId, task, 3, 30);
        assertThat(broker.lastTaskEvent(taskId)).extracting(TaskEvent::type, TaskEvent::frameCount)
                .containsExactly(TaskEvent.Type.COMPLETED, (long) FRAMES);

        // The dead instance's state, were it still around, must not touch what is now in place.
        killed.close();
        ResultFiles files = new ResultFiles(results);
        assertThat(listFiles(results)).containsExactlyInAnyOrder(files.video(taskId), files.annotations(taskId));
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

        assertEveryFrameOnceDrawnAsDetected(taskId, task, 12, 26);
    }

    @Test
    void aTaskWhosePartialFilesWereRemovedIsNotRebuiltButFailsSayingWhy() throws Exception {
        String taskId = TopicNames.newTaskId();
        List<FrameRecord> task = publishTask(taskId, 0);
        AnnotationProcessor processor = newProcessor();
        feed(processor, task.subList(0, 10));

        // What the backend does to a cancelled task's files while its frames are still on their way.
        for (Path file : listFiles(results)) {
            Files.delete(file);
        }

        assertThatThrownBy(() -> processor.process(task.subList(10, 12)))
                .hasMessage("its partial files were removed: the task was cancelled or deleted");
        processor.taskEnded(taskId);
        assertThat(listFiles(results)).isEmpty();
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

        assertThat(listFiles(results)).isEmpty();
    }

    private AnnotationProcessor newProcessor() {
        return ProcessorFixtures.newProcessor(results, SEGMENT_FRAMES, broker);
    }

    /** The task's frames from {@code firstFrame} and its end-of-stream, as the rtmpose stage left them. */
    private static List<FrameRecord> publishTask(String taskId, int firstFrame) throws Exception {
        List<FrameRecord> records = task(taskId, FRAMES, i -> frame(taskId, i), StageOptions.DEFAULT);
        broker.publishRtmpose(taskId, records.subList(firstFrame, records.size()));
        return records;
    }

    /** Grey, a shade lighter every frame, with one tracked person walking right. */
    private static FrameRecord frame(String taskId, int index) {
        float left = 20 + BOX_STEP * index;
        var box = new BoundingBox(left, 60, left + 60, 180);
        return greyFrame(taskId, index, 60 + index, List.of(new TrackedObject(7, box, 0.9f, 0)));
    }

    /** The result holds the two files, every frame once and in order, and the {@code checked} frames drawn in place. */
    private void assertEveryFrameOnceDrawnAsDetected(String taskId, List<FrameRecord> task, int... checked)
            throws Exception {
        ResultFiles files = new ResultFiles(results);
        assertThat(listFiles(results)).containsExactlyInAnyOrder(files.video(taskId), files.annotations(taskId));
        assertThat(annotatedIndices(files.annotations(taskId))).containsExactlyElementsOf(indices(FRAMES));
        List<Mat> video = decode(files.video(taskId));
        assertThat(video).hasSize(FRAMES);
        for (int index : checked) {
            assertDrawnAsDetected(video.get(index), task, index);
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
}
