package io.stride.yolox.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class YoloxDecoderTest {

    /** A 16x16 input with strides 8 and 16: anchors (0,0)/8, (1,0)/8, (0,1)/8, (1,1)/8, (0,0)/16. */
    private static final GridLayout GRID = GridLayout.of(16, 16, 8, 16);
    private static final int CLASSES = 2;
    private static final int ROW = 5 + CLASSES;
    private static final float LN2 = (float) Math.log(2);
    private static final LetterboxGeometry SAME_SIZE = LetterboxGeometry.of(ResizeRule.YOLOX, 16, 16, 16, 16);
    /** Scale 1 into a frame larger than the input, so that no box here is clipped. */
    private static final LetterboxGeometry UNCLIPPED = new LetterboxGeometry(64, 64, 16, 16, 16, 16, 1.0, 1.0);

    private final Nms nms = new Nms(0.45f);

    @Test
    void rawGridBoxesArePlacedOnTheirCellAndScaledByTheirStride() {
        float[] out = new float[GRID.anchorCount() * ROW];
        row(out, 3, 0.5f, 0.25f, LN2, 0f, 0.9f, 0.2f, 0.8f);

        var detections = YoloxDecoder.rawGrid(GRID, CLASSES, 0.1f, nms).decode(FloatBuffer.wrap(out), 0, UNCLIPPED);

        // centre ((0.5 + 1) · 8, (0.25 + 1) · 8) = (12, 10); size (2 · 8, 1 · 8) = (16, 8)
        assertThat(detections).containsExactly(new Detection(new BoundingBox(4f, 6f, 20f, 14f), 0.9f * 0.8f, 1));
    }

    @Test
    void theCoarsestStrideAnchorUsesItsOwnStride() {
        float[] out = new float[GRID.anchorCount() * ROW];
        row(out, 4, 0.5f, 0.5f, 0f, 0f, 1f, 1f, 0f);

        var detections = YoloxDecoder.rawGrid(GRID, CLASSES, 0.1f, nms).decode(FloatBuffer.wrap(out), 0, SAME_SIZE);

        assertThat(detections).containsExactly(new Detection(new BoundingBox(0f, 0f, 16f, 16f), 1f, 0));
    }

    @Test
    void boxesAreDividedByTheLetterboxScaleAndClippedToTheFrame() {
        float[] out = new float[GRID.anchorCount() * ROW];
        row(out, 3, 0.5f, 0.25f, LN2, 0f, 0.9f, 0.2f, 0.8f);
        var halfSize = LetterboxGeometry.of(ResizeRule.YOLOX, 32, 32, 16, 16);

        var detections = YoloxDecoder.rawGrid(GRID, CLASSES, 0.1f, nms).decode(FloatBuffer.wrap(out), 0, halfSize);

        assertThat(detections).extracting(Detection::box).containsExactly(new BoundingBox(8f, 12f, 32f, 28f));
    }

    @Test
    void scoreIsObjectnessTimesTheBestClassAndTheThresholdIsInclusive() {
        float[] out = new float[GRID.anchorCount() * ROW];
        row(out, 0, 0.5f, 0.5f, 0f, 0f, 0.5f, 0.2f, 0.1f);    // 0.5 · 0.2 = 0.1: kept
        row(out, 1, 0.5f, 0.5f, 0f, 0f, 0.5f, 0.19f, 0.05f);  // 0.095: dropped
        row(out, 2, 0.5f, 0.5f, 0f, 0f, 0.09f, 1f, 1f);       // objectness alone is below: dropped

        var detections = YoloxDecoder.rawGrid(GRID, CLASSES, 0.1f, nms).decode(FloatBuffer.wrap(out), 0, SAME_SIZE);

        assertThat(detections).singleElement().satisfies(d -> {
            assertThat(d.score()).isEqualTo(0.1f);
            assertThat(d.classId()).isZero();
            assertThat(d.box()).isEqualTo(new BoundingBox(0f, 0f, 8f, 8f)); // centre (4, 4), size 8
        });
    }

    @Test
    void decodedOutputBoxesAreAlreadyInInputPixels() {
        float[] out = new float[GRID.anchorCount() * ROW];
        row(out, 3, 8f, 6f, 4f, 2f, 0.8f, 0.5f, 0.25f);

        var detections = YoloxDecoder.decoded(GRID.anchorCount(), CLASSES, 0.1f, nms)
                .decode(FloatBuffer.wrap(out), 0, SAME_SIZE);

        assertThat(detections).containsExactly(new Detection(new BoundingBox(6f, 5f, 10f, 7f), 0.4f, 0));
    }

    @Test
    void theSecondImageOfABatchIsReadFromItsOffset() {
        var decoder = YoloxDecoder.decoded(GRID.anchorCount(), CLASSES, 0.1f, nms);
        float[] out = new float[2 * decoder.imageFloats()];
        row(out, GRID.anchorCount(), 8f, 8f, 4f, 4f, 1f, 0f, 1f); // anchor 0 of image 1

        assertThat(decoder.decode(FloatBuffer.wrap(out), 0, SAME_SIZE)).isEmpty();
        assertThat(decoder.decode(FloatBuffer.wrap(out), decoder.imageFloats(), SAME_SIZE))
                .containsExactly(new Detection(new BoundingBox(6f, 6f, 10f, 10f), 1f, 1));
    }

    @Test
    void overlappingBoxesOfOneClassAreSuppressed() {
        var decoder = YoloxDecoder.decoded(GRID.anchorCount(), CLASSES, 0.1f, nms);
        float[] out = new float[decoder.imageFloats()];
        row(out, 0, 8f, 8f, 8f, 8f, 0.6f, 1f, 0f);
        row(out, 1, 8.5f, 8f, 8f, 8f, 0.9f, 1f, 0f);

        assertThat(decoder.decode(FloatBuffer.wrap(out), 0, SAME_SIZE))
                .containsExactly(new Detection(new BoundingBox(4.5f, 4f, 12.5f, 12f), 0.9f, 0));
    }

    @Test
    void boxesLyingInThePaddingAreDropped() {
        var decoder = YoloxDecoder.decoded(GRID.anchorCount(), CLASSES, 0.1f, nms);
        float[] out = new float[decoder.imageFloats()];
        row(out, 0, 8f, 12f, 4f, 4f, 1f, 1f, 0f); // rows 10–14 of the input
        var wideFrame = LetterboxGeometry.of(ResizeRule.YOLOX, 16, 8, 16, 16); // frame fills rows 0–8

        assertThat(decoder.decode(FloatBuffer.wrap(out), 0, wideFrame)).isEmpty();
    }

    @Test
    void rejectsAnOutputTooShortForAnImage() {
        var decoder = YoloxDecoder.rawGrid(GRID, CLASSES, 0.1f, nms);

        assertThatThrownBy(() -> decoder.decode(FloatBuffer.wrap(new float[ROW]), 0, SAME_SIZE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void row(float[] out, int anchor, float... values) {
        System.arraycopy(values, 0, out, anchor * ROW, values.length);
    }
}
