package io.stride.yolox.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.core.frame.Detection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.core.model.ModelLoadException;
import io.stride.core.model.OnnxModel;
import io.stride.core.stage.StageMetrics;
import io.stride.core.testing.SharedData;
import io.stride.yolox.TestModels;
import io.stride.yolox.VideoFrames;
import io.stride.yolox.YoloxProperties.ModelType;
import io.stride.yolox.detect.OutputFormat;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** YOLOX-Nano on frames of a real 1280x720 street video with pedestrians walking towards the camera. */
class YoloxDetectorTest {

    private static final int PERSON = 0;
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    /** Fewer clearly visible people than any of these frames has (checked by eye on the frames). */
    private static final int MIN_CONFIDENT_PEOPLE = 5;
    private static final float CONFIDENT = 0.5f;

    private static Path modelFile;
    private static OnnxModel model;
    private static YoloxDetector detector;
    private static List<Mat> frames;

    @BeforeAll
    static void load() throws Exception {
        modelFile = SharedData.model(SharedData.YOLOX_NANO);
        frames = VideoFrames.read(SharedData.video(SharedData.PEOPLE_WALKING), 0, 120, 240);
        model = TestModels.onCpu(modelFile);
        detector = YoloxDetector.create(model, TestModels.settings(modelFile, ModelType.YOLOX, 4), TestModels.metrics());
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
        }
        if (model != null) {
            model.close();
        }
        if (frames != null) {
            frames.forEach(Mat::close);
        }
    }

    @Test
    void readsTheRawGridExportWithAFixedBatchOfOne() {
        assertThat(detector.outputFormat()).isEqualTo(OutputFormat.RAW_GRID);
        assertThat(detector.batchSize()).as("yolox_nano.onnx has batch dimension 1").isEqualTo(1);
    }

    @Test
    void findsThePedestriansWithUprightBoxesInsideTheFrame() throws Exception {
        List<List<Detection>> all = detector.detect(frames);

        assertThat(all).hasSize(frames.size());
        for (List<Detection> detections : all) {
            List<Detection> people = detections.stream()
                    .filter(d -> d.classId() == PERSON && d.score() >= CONFIDENT).toList();
            assertThat(people).hasSizeGreaterThanOrEqualTo(MIN_CONFIDENT_PEOPLE);
            assertThat(people).allSatisfy(p -> assertThat(p.box().height()).isGreaterThan(p.box().width()));
            assertThat(detections).allSatisfy(d -> {
                assertThat(d.box().x1()).isBetween(0f, (float) WIDTH);
                assertThat(d.box().x2()).isBetween(0f, (float) WIDTH);
                assertThat(d.box().y1()).isBetween(0f, (float) HEIGHT);
                assertThat(d.box().y2()).isBetween(0f, (float) HEIGHT);
                assertThat(d.box().area()).isPositive();
                assertThat(d.score()).isBetween(TestModels.SCORE_THRESHOLD, 1f);
            });
            assertThat(detections).isSortedAccordingTo(Comparator.comparingDouble(Detection::score).reversed());
        }
    }

    @Test
    void aFramesDetectionsDoNotDependOnTheFramesBeforeIt() throws Exception {
        List<Detection> inSequence = detector.detect(frames).get(2);
        List<Detection> alone = detector.detect(List.of(frames.get(2))).get(0);

        assertThat(alone).isEqualTo(inSequence);
    }

    @Test
    void reportsEachInferenceCallAndItsPhasesToTheStageMetrics() throws Exception {
        var registry = new SimpleMeterRegistry();
        try (var measured = YoloxDetector.create(model, TestModels.settings(modelFile, ModelType.YOLOX, 1),
                new StageMetrics(registry, "yolox"))) {
            measured.detect(frames);
        }

        var batches = registry.get("stride.inference.batch.size").tag("stage", "yolox").summary();
        assertThat(batches.count()).isEqualTo(frames.size());
        assertThat(batches.totalAmount()).isEqualTo(frames.size());
        for (String phase : List.of("preprocess", "inference", "postprocess")) {
            assertThat(registry.get("stride.stage.phase.seconds").tags("stage", "yolox", "phase", phase).timer().count())
                    .as(phase).isEqualTo(frames.size());
        }
    }

    @Test
    void aGraphWithoutTheYoloxOutputIsRejectedAtCreation() {
        Path rtmdet = SharedData.model("rtmdet-nano-person/end2end.onnx");
        try (OnnxModel other = TestModels.onCpu(rtmdet)) {
            assertThatThrownBy(() -> YoloxDetector.create(other, TestModels.settings(rtmdet, ModelType.YOLOX, 1), TestModels.metrics()))
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("end2end.onnx");
        }
    }
}
