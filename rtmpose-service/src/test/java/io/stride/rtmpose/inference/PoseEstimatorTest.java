package io.stride.rtmpose.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Keypoint;
import io.stride.core.model.InferenceProperties;
import io.stride.core.model.ModelLoadException;
import io.stride.core.model.OnnxModel;
import io.stride.core.stage.StageMetrics;
import io.stride.core.testing.SharedData;
import io.stride.rtmpose.pose.InputSize;
import io.stride.rtmpose.testing.DotFrame;
import io.stride.rtmpose.testing.ExactAnswerPoseModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole estimation path (crop, normalisation, ONNX Runtime, SimCC decoding, back-projection) against
 * {@link ExactAnswerPoseModel}, whose keypoints all land on the brightest pixel of the crop.
 *
 * <p>Most boxes here are chosen so the crop samples the frame exactly at some pixels: a 96x128 box padded by 1.25
 * is a 120x160 region, which a 192x256 input samples every 0.625 frame pixels (and a 288x384 input every 0.41666),
 * hitting a frame pixel every 5 pixels from the region's corner. A dot on such a pixel comes back exactly, with
 * exactly its brightness as score. Elsewhere the answer is right within the crop's quantisation.
 */
class PoseEstimatorTest {

    private static final int FRAME_WIDTH = 1280;
    private static final int FRAME_HEIGHT = 720;
    private static final double PADDING = 1.25;
    private static final double SPLIT_RATIO = 2.0;
    private static final float EXACT_POSITION = 1e-3f;
    private static final float EXACT_SCORE = 1e-5f;
    /** OpenCV's bilinear warp places its samples on a grid of 1/32 source pixel. */
    private static final double WARP_GRID = 1.0 / 32;
    private static final InferenceProperties CPU =
            new InferenceProperties(InferenceProperties.Device.CPU, 1, 1, 0);

    /** 96x128 box; its padded region starts at (100, 200) and the crop samples frame pixel (100 + 5i, 200 + 5j). */
    private static final BoundingBox BOX = new BoundingBox(112, 216, 208, 344);

    private static final float WHITE = brightness(255, 255, 255);
    private static final float BLACK = brightness(0, 0, 0);

    @TempDir
    static Path models;

    private static PoseEstimator input256x192;
    private static PoseEstimator input384x288;
    private static PoseEstimator batchOfOne;
    private static PoseEstimator batchOfFive;

    @BeforeAll
    static void loadModels() throws IOException {
        input256x192 = estimator(ExactAnswerPoseModel.write(models.resolve("m.onnx"), 192, 256));
        input384x288 = estimator(ExactAnswerPoseModel.write(models.resolve("l.onnx"), 288, 384));
        batchOfOne = estimator(ExactAnswerPoseModel.writeWithFixedBatch(models.resolve("b1.onnx"), 192, 256, 1));
        batchOfFive = estimator(ExactAnswerPoseModel.writeWithFixedBatch(models.resolve("b5.onnx"), 192, 256, 5));
    }

    @AfterAll
    static void closeModels() {
        for (PoseEstimator estimator : List.of(input256x192, input384x288, batchOfOne, batchOfFive)) {
            estimator.close();
        }
    }

    @Test
    void inputSizeAndBatchingComeFromTheModel() {
        assertThat(input256x192.inputSize()).isEqualTo(new InputSize(192, 256));
        assertThat(input384x288.inputSize()).isEqualTo(new InputSize(288, 384));
        assertThat(input256x192.batchesAllPersons()).isTrue();
        assertThat(batchOfOne.batchesAllPersons()).isFalse();
    }

    @Test
    void brightDotComesBackAtItsPixelWithItsBrightnessAsScore() throws Exception {
        try (DotFrame frame = new DotFrame(FRAME_WIDTH, FRAME_HEIGHT).dot(140, 260)) {
            List<Keypoint> pose = onlyPose(input256x192.estimate(frame.image(), List.of(BOX)));

            assertThat(pose).hasSize(17);
            assertAllAt(pose, 140, 260, WHITE);
        }
    }

    @Test
    void paddingLetsTheModelSeeAroundTheBox() throws Exception {
        // Left of and above the box (112, 216)–(208, 344), inside its 1.25-padded region from (100, 200).
        try (DotFrame frame = new DotFrame(FRAME_WIDTH, FRAME_HEIGHT).dot(105, 205)) {
            assertAllAt(onlyPose(input256x192.estimate(frame.image(), List.of(BOX))), 105, 205, WHITE);
        }
    }

    @Test
    void largerInputSizeFindsTheSameDot() throws Exception {
        try (DotFrame frame = new DotFrame(FRAME_WIDTH, FRAME_HEIGHT).dot(175, 335)) {
            assertAllAt(onlyPose(input384x288.estimate(frame.image(), List.of(BOX))), 175, 335, WHITE);
        }
    }

    @Test
    void channelsReachTheModelAsRgb() throws Exception {
        // BGR (0, 255, 255): red and green full, blue none. Read as BGR the score would be 0.98356, not 0.95768.
        try (DotFrame frame = new DotFrame(FRAME_WIDTH, FRAME_HEIGHT).dot(120, 230, 0, 255, 255)) {
            List<Keypoint> pose = onlyPose(input256x192.estimate(frame.image(), List.of(BOX)));

            assertAllAt(pose, 120, 230, brightness(255, 255, 0));
            assertThat(pose.get(0).score()).isCloseTo(0.95768f, within(1e-5f));
        }
    }

    @Test
    void cropWithNothingBrightHasNoKeypointFoundAndScoresTheBackground() throws Exception {
        try (DotFrame frame = new DotFrame(FRAME_WIDTH, FRAME_HEIGHT)) {
            List<Keypoint> pose = onlyPose(input256x192.estimate(frame.image(), List.of(BOX)));

            // Bin -1 is input pixel -0.5 on both axes: 0.5 / 1.6 frame pixels before the region's corner.
            assertAllAt(pose, 100 - 0.3125f, 200 - 0.3125f, BLACK);
        }
    }

    @Test
    void boxesAtAndBeyondTheFrameBorderAreCroppedWithBlackOutside() throws Exception {
        BoundingBox topLeft = new BoundingBox(0, 0, 96, 128);              // region from (-12, -16)
        BoundingBox beyondTopLeft = new BoundingBox(-20, -30, 76, 98);     // region from (-32, -46)
        BoundingBox bottomRight = new BoundingBox(1184, 592, 1280, 720);   // region from (1172, 576)
        try (DotFrame frame = new DotFrame(FRAME_WIDTH, FRAME_HEIGHT).dot(3, 4).dot(1277, 716)) {
            List<List<Keypoint>> poses = input256x192.estimate(frame.image(), List.of(topLeft, beyondTopLeft, bottomRight));

            assertAllAt(poses.get(0), 3, 4, WHITE);
            assertAllAt(poses.get(1), 3, 4, WHITE);
            assertAllAt(poses.get(2), 1277, 716, WHITE);
        }
    }

    @Test
    void tinyBoxIsZoomedAndItsDotFoundWithinACropPixel() throws Exception {
        // 4x6 box: a 5.625x7.5 region blown up 34x.
        BoundingBox tiny = new BoundingBox(500.3f, 300.7f, 504.3f, 306.7f);
        double framePixelsPerCropPixel = 5.625 / 192;
        try (DotFrame frame = new DotFrame(FRAME_WIDTH, FRAME_HEIGHT).dot(502, 303)) {
            List<Keypoint> pose = onlyPose(input256x192.estimate(frame.image(), List.of(tiny)));

            for (Keypoint keypoint : pose) {
                assertThat((double) keypoint.x()).isCloseTo(502, within(framePixelsPerCropPixel + WARP_GRID));
                assertThat((double) keypoint.y()).isCloseTo(303, within(framePixelsPerCropPixel + WARP_GRID));
                assertThat(keypoint.score()).isPositive().isLessThanOrEqualTo(WHITE + EXACT_SCORE);
            }
        }
    }

    @Test
    void dotsAnywhereInAZoomedInCropComeBackWithinHalfACropPixel() throws Exception {
        // k = 2.4 and k = 1.6: dots at positions the crop does not sample exactly.
        BoundingBox[] boxes = {new BoundingBox(600.5f, 100.25f, 640.5f, 170.25f), new BoundingBox(700, 200, 796, 328)};
        int[][] dots = {{611, 117}, {637, 160}, {626, 101}, {713, 291}, {789, 205}, {751, 327}};
        assertFoundWithinHalfACropPixel(boxes, dots, 0);
    }

    @Test
    void zoomedOutCropFindsWhatItsSamplesReach() throws Exception {
        // A 300x500 box is a 468.75x625 region sampled every 2.44 frame pixels by the bilinear warp, which reads
        // only the 4 pixels around each sample (as cv2.warpAffine does for mmpose): a lone pixel between samples
        // is never seen, so the blobs here are wider than the sample spacing.
        BoundingBox[] boxes = {new BoundingBox(300, 150, 600, 650)};
        int[][] blobs = {{361, 523}, {448, 170}, {597, 400}, {302, 648}};
        assertFoundWithinHalfACropPixel(boxes, blobs, 1);
    }

    private static void assertFoundWithinHalfACropPixel(BoundingBox[] boxes, int[][] dots, int radius) throws Exception {
        for (BoundingBox box : boxes) {
            double regionWidth = Math.max(box.width() * PADDING, box.height() * PADDING * 0.75);
            double tolerance = regionWidth / 192 / 2 + WARP_GRID;
            for (int[] dot : dots) {
                if (dot[0] < box.x1() || dot[0] >= box.x2() || dot[1] < box.y1() || dot[1] >= box.y2()) {
                    continue;
                }
                try (DotFrame frame = new DotFrame(FRAME_WIDTH, FRAME_HEIGHT).square(dot[0], dot[1], radius)) {
                    Keypoint keypoint = onlyPose(input256x192.estimate(frame.image(), List.of(box))).get(0);

                    assertThat((double) keypoint.x()).as("x of dot %s,%s in %s", dot[0], dot[1], box)
                            .isCloseTo(dot[0], within(tolerance));
                    assertThat((double) keypoint.y()).as("y of dot %s,%s in %s", dot[0], dot[1], box)
                            .isCloseTo(dot[1], within(tolerance));
                    assertThat(keypoint.score()).isPositive();
                }
            }
        }
    }

    @Test
    void allPersonsOfAFrameGoThroughADynamicBatchModelInOneCallInOrder() throws Exception {
        try (Persons persons = new Persons()) {
            long before = input256x192.inferenceCalls();

            List<List<Keypoint>> poses = input256x192.estimate(persons.frame.image(), persons.boxes);

            assertThat(input256x192.inferenceCalls() - before).isEqualTo(1);
            persons.assertEachPoseOnItsDot(poses);
        }
    }

    @Test
    void fixedBatchModelsAreCalledOnceForEachBatchOfPersons() throws Exception {
        try (Persons persons = new Persons()) {
            long onesBefore = batchOfOne.inferenceCalls();
            long fivesBefore = batchOfFive.inferenceCalls();

            List<List<Keypoint>> onePerCall = batchOfOne.estimate(persons.frame.image(), persons.boxes);
            List<List<Keypoint>> fivePerCall = batchOfFive.estimate(persons.frame.image(), persons.boxes);

            assertThat(batchOfOne.inferenceCalls() - onesBefore).isEqualTo(12);
            assertThat(batchOfFive.inferenceCalls() - fivesBefore).isEqualTo(3);
            persons.assertEachPoseOnItsDot(onePerCall);
            persons.assertEachPoseOnItsDot(fivePerCall);
        }
    }

    @Test
    void eachModelCallTimesItsCropsTheModelAndTheDecodingApart() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Persons persons = new Persons();
             PoseEstimator timed = new PoseEstimator(OnnxModel.load(models.resolve("m.onnx"), CPU), PADDING,
                     SPLIT_RATIO, new StageMetrics(registry, "rtmpose"))) {
            timed.estimate(persons.frame.image(), persons.boxes);

            for (String phase : List.of("preprocess", "inference", "postprocess")) {
                Timer timer = registry.find("stride.stage.phase.seconds").tags("stage", "rtmpose", "phase", phase)
                        .timer();
                assertThat(timer).as(phase).isNotNull();
                assertThat(timer.count()).as(phase).isEqualTo(1);
            }
        }
    }

    @Test
    void noBoxesMeansNoInference() throws Exception {
        try (DotFrame frame = new DotFrame(FRAME_WIDTH, FRAME_HEIGHT)) {
            long before = input256x192.inferenceCalls();

            assertThat(input256x192.estimate(frame.image(), List.of())).isEmpty();
            assertThat(input256x192.inferenceCalls()).isEqualTo(before);
        }
    }

    @Test
    void rejectsFramesThatAreNotBgr() {
        try (Mat gray = new Mat(FRAME_HEIGHT, FRAME_WIDTH, org.bytedeco.opencv.global.opencv_core.CV_8UC1)) {
            assertThatThrownBy(() -> input256x192.estimate(gray, List.of(BOX)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("8-bit BGR");
        }
    }

    @Test
    void refusesAModelWithoutSimccOutputs() {
        OnnxModel yolox = OnnxModel.load(SharedData.model(SharedData.YOLOX_NANO), CPU);
        try {
            assertThatThrownBy(() -> new PoseEstimator(yolox, PADDING, SPLIT_RATIO))
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("no output 'simcc_x'");
        } finally {
            yolox.close();
        }
    }

    @Test
    void refusesASplitRatioTheModelWasNotExportedWith() throws IOException {
        OnnxModel model = OnnxModel.load(ExactAnswerPoseModel.write(models.resolve("r.onnx"), 192, 256), CPU);
        try {
            assertThatThrownBy(() -> new PoseEstimator(model, PADDING, 3.0))
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("simcc_x must be [N, K, 576]");
        } finally {
            model.close();
        }
    }

    /** Twelve 96x128 persons in a 4x3 grid, each with a dot at its own place on the crop's sampling grid. */
    private static final class Persons implements AutoCloseable {
        final DotFrame frame = new DotFrame(FRAME_WIDTH, FRAME_HEIGHT);
        final List<BoundingBox> boxes = new ArrayList<>();
        final List<int[]> dots = new ArrayList<>();

        Persons() {
            for (int row = 0; row < 3; row++) {
                for (int column = 0; column < 4; column++) {
                    int x1 = 112 + 300 * column;
                    int y1 = 16 + 230 * row;
                    boxes.add(new BoundingBox(x1, y1, x1 + 96, y1 + 128));
                    // The region starts 12 and 16 pixels before the box.
                    int[] dot = {x1 - 12 + 5 * (4 + column + 3 * row), y1 - 16 + 5 * (6 + 2 * column + row)};
                    dots.add(dot);
                    frame.dot(dot[0], dot[1]);
                }
            }
        }

        void assertEachPoseOnItsDot(List<List<Keypoint>> poses) {
            assertThat(poses).hasSize(boxes.size());
            for (int i = 0; i < poses.size(); i++) {
                assertAllAt(poses.get(i), dots.get(i)[0], dots.get(i)[1], WHITE);
            }
        }

        @Override
        public void close() {
            frame.close();
        }
    }

    private static PoseEstimator estimator(Path model) {
        return new PoseEstimator(OnnxModel.load(model, CPU), PADDING, SPLIT_RATIO);
    }

    private static List<Keypoint> onlyPose(List<List<Keypoint>> poses) {
        assertThat(poses).hasSize(1);
        return poses.get(0);
    }

    private static void assertAllAt(List<Keypoint> pose, float x, float y, float score) {
        assertThat(pose).hasSize(ExactAnswerPoseModel.KEYPOINTS);
        for (Keypoint keypoint : pose) {
            assertThat(keypoint.x()).isCloseTo(x, within(EXACT_POSITION));
            assertThat(keypoint.y()).isCloseTo(y, within(EXACT_POSITION));
            assertThat(keypoint.score()).isCloseTo(score, within(EXACT_SCORE));
        }
    }

    /** What the model computes for a pixel: the mean of its normalised R, G and B. */
    private static float brightness(int red, int green, int blue) {
        return (float) (((red - 123.675) / 58.395 + (green - 116.28) / 57.12 + (blue - 103.53) / 57.375) / 3);
    }
}
