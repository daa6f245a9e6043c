package io.stride.yolox.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.StageOptions;
import io.stride.core.image.JpegCodec;
import io.stride.yolox.TestModels;
import io.stride.yolox.inference.ObjectDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/** The processor alone, around a detector that reports each frame's width as one detection. */
class YoloxProcessorTest {

    private static final String TASK = "3f2a8b9c-0d1e-4f5a-8b6c-7d8e9f0a1b2c";

    /** Records the batches it is handed and the images, to check they are closed afterwards. */
    private static class WidthDetector implements ObjectDetector {
        final int batchSize;
        final List<Integer> batchSizes = new ArrayList<>();
        final List<Mat> seen = new ArrayList<>();
        final List<Integer> widths = new ArrayList<>();

        WidthDetector(int batchSize) {
            this.batchSize = batchSize;
        }

        @Override
        public List<List<Detection>> detect(List<Mat> frames) {
            batchSizes.add(frames.size());
            seen.addAll(frames);
            frames.forEach(f -> widths.add(f.cols()));
            return frames.stream()
                    .map(f -> List.of(new Detection(new BoundingBox(0, 0, f.cols(), f.rows()), 0.5f, 0)))
                    .toList();
        }

        @Override
        public int inputWidth() {
            return 416;
        }

        @Override
        public int inputHeight() {
            return 416;
        }

        @Override
        public int batchSize() {
            return batchSize;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void detectsInBatchesAndKeepsTheOrderWithEndOfStreamLast() throws Exception {
        var detector = new WidthDetector(2);
        List<FrameRecord> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(frame(i, 16 + i));
        }
        FrameRecord end = FrameRecord.endOfStream(TASK, 5, 25.0, 20, 8);
        records.add(end);

        List<FrameRecord> out = new YoloxProcessor(detector, TestModels.metrics(), true).process(records);

        assertThat(detector.batchSizes).containsExactly(2, 2, 1);
        assertThat(out).extracting(FrameRecord::frameIndex).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        for (int i = 0; i < 5; i++) {
            assertThat(out.get(i).detections()).singleElement()
                    .extracting(d -> d.box().width()).isEqualTo((float) (16 + i));
            assertThat(out.get(i).jpeg()).isSameAs(records.get(i).jpeg());
        }
        assertThat(out.get(5)).isSameAs(end);
    }

    @Test
    void keepsOnlyTheClassesAndScoresTheTasksOptionsAskFor() throws Exception {
        var person = new Detection(new BoundingBox(1, 1, 5, 9), 0.9f, 0);
        var faintPerson = new Detection(new BoundingBox(2, 2, 6, 9), 0.29f, 0);
        var car = new Detection(new BoundingBox(3, 3, 8, 6), 0.8f, 2);
        var dog = new Detection(new BoundingBox(4, 4, 7, 7), 0.95f, 16);
        ObjectDetector detector = new WidthDetector(1) {
            @Override
            public List<List<Detection>> detect(List<Mat> frames) {
                return frames.stream().map(f -> List.of(person, faintPerson, car, dog)).toList();
            }
        };
        var processor = new YoloxProcessor(detector, TestModels.metrics(), true);

        FrameRecord all = processor.process(List.of(frame(0, 16))).get(0);
        FrameRecord filtered = processor.process(List.of(frame(1, 16)
                .withOptions(new StageOptions(Set.of(0, 2), 0.3f, true)))).get(0);

        assertThat(all.detections()).containsExactly(person, faintPerson, car, dog);
        assertThat(filtered.detections()).containsExactly(person, car);
    }

    @Test
    void aLargeFrameIsDecodedSmallerAndItsDetectionsComeBackInFramePixels() throws Exception {
        var detector = new WidthDetector(1);
        FrameRecord large;
        try (Mat image = new Mat(720, 1280, CV_8UC3, new Scalar(40, 80, 120, 0))) {
            large = FrameRecord.frame(TASK, 0, 0, 25.0, 1280, 720, JpegCodec.encode(image, 90));
        }

        FrameRecord reduced = new YoloxProcessor(detector, TestModels.metrics(), true).process(List.of(large)).get(0);
        FrameRecord full = new YoloxProcessor(detector, TestModels.metrics(), false).process(List.of(large)).get(0);

        assertThat(detector.widths).containsExactly(640, 1280);
        assertThat(reduced.detections()).singleElement()
                .extracting(Detection::box).isEqualTo(new BoundingBox(0, 0, 1280, 720));
        assertThat(full.detections()).isEqualTo(reduced.detections());
    }

    @Test
    void framesBeforeAnEndOfStreamAreFlushedBeforeIt() throws Exception {
        var detector = new WidthDetector(4);
        FrameRecord end = FrameRecord.endOfStream(TASK, 1, 25.0, 16, 8);

        List<FrameRecord> out = new YoloxProcessor(detector, TestModels.metrics(), true).process(List.of(frame(0, 16), end));

        assertThat(detector.batchSizes).containsExactly(1);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).detections()).hasSize(1);
        assertThat(out.get(1)).isSameAs(end);
    }

    @Test
    void decodedImagesAreReleasedAfterDetection() throws Exception {
        var detector = new WidthDetector(2);

        new YoloxProcessor(detector, TestModels.metrics(), true).process(List.of(frame(0, 16), frame(1, 16), frame(2, 16)));

        assertThat(detector.seen).hasSize(3).allSatisfy(m -> assertThat(m.isNull()).isTrue());
    }

    @Test
    void anUndecodableFrameFailsNamingTheFrames() {
        var detector = new WidthDetector(2);
        FrameRecord broken = FrameRecord.frame(TASK, 7, 0, 25.0, 16, 8, new byte[] {1, 2, 3});

        assertThatThrownBy(() -> new YoloxProcessor(detector, TestModels.metrics(), true).process(List.of(frame(6, 16), broken)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frames 6–7");
    }

    private static FrameRecord frame(int index, int width) {
        try (Mat image = new Mat(8, width, CV_8UC3, new Scalar(40, 80, 120, 0))) {
            return FrameRecord.frame(TASK, index, index * 40_000L, 25.0, width, 8, JpegCodec.encode(image, 90));
        }
    }
}
