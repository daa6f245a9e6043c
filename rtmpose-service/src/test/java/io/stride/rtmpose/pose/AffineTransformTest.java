package io.stride.rtmpose.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AffineTransformTest {

    private static final InputSize INPUT = new InputSize(192, 256);
    /** The padded region of box (10, 20)–(110, 220): centre (60, 120), 187.5 x 250. */
    private static final CropRegion REGION = new CropRegion(60, 120, 187.5, 250);
    private static final double EXACT = 1e-12;

    @Test
    void regionToInputScalesUniformlyAndCentres() {
        AffineTransform toInput = AffineTransform.regionToInput(REGION, INPUT);

        // scale 192 / 187.5 = 1.024; translation 96 - 1.024 * 60 and 128 - 1.024 * 120.
        assertThat(toInput.toRowMajor()).containsExactly(new double[] {1.024, 0, 34.56, 0, 1.024, 5.12},
                within(EXACT));
    }

    @Test
    void regionCornersAndCentreLandOnTheInputsCornersAndCentre() {
        AffineTransform toInput = AffineTransform.regionToInput(REGION, INPUT);

        assertPoint(toInput, 60, 120, 96, 128);
        assertPoint(toInput, 60 - 93.75, 120 - 125, 0, 0);
        assertPoint(toInput, 60 + 93.75, 120 + 125, 192, 256);
    }

    @Test
    void inverseIsMmposesBackProjection() {
        AffineTransform toFrame = AffineTransform.regionToInput(REGION, INPUT).inverse();

        // mmpose: keypoint / input_size * bbox_scale + bbox_center - bbox_scale / 2
        for (double[] p : new double[][] {{0, 0}, {96, 128}, {17.5, 203.25}, {191.5, 0.5}}) {
            assertPoint(toFrame, p[0], p[1], p[0] / 192 * 187.5 + 60 - 187.5 / 2, p[1] / 256 * 250 + 120 - 250.0 / 2);
        }
    }

    @Test
    void inverseOfAGeneralTransformUndoesIt() {
        AffineTransform t = new AffineTransform(2, 1, -3, 0.5, 4, 7);
        AffineTransform back = t.inverse();

        double x = t.applyX(5, -2);
        double y = t.applyY(5, -2);
        assertThat(x).isEqualTo(5.0);
        assertThat(y).isEqualTo(1.5);
        assertPoint(back, x, y, 5, -2);
    }

    @Test
    void singularTransformHasNoInverse() {
        assertThatThrownBy(() -> new AffineTransform(1, 2, 0, 2, 4, 0).inverse())
                .isInstanceOf(IllegalStateException.class);
    }

    private static void assertPoint(AffineTransform t, double x, double y, double expectedX, double expectedY) {
        assertThat(t.applyX(x, y)).isCloseTo(expectedX, within(1e-9));
        assertThat(t.applyY(x, y)).isCloseTo(expectedY, within(1e-9));
    }
}
