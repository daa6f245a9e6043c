package io.stride.rtmpose.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.core.frame.Keypoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimccDecoderTest {

    private static final AffineTransform IDENTITY = new AffineTransform(1, 0, 0, 0, 1, 0);

    @Test
    void locationIsTheFirstMaximumOfEachAxisDividedByTheSplitRatioAndScoreTheSmallerMaximum() {
        // One instance, two keypoints, 8 x-bins and 6 y-bins.
        SimccOutput output = new SimccOutput(
                new float[] {
                    0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.9f, 0.2f, 0.1f,
                    0.3f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.3f},
                new float[] {
                    0.1f, 0.2f, 0.3f, 0.6f, 0.2f, 0.1f,
                    0.2f, 0.2f, 0.2f, 0.2f, 0.2f, 0.8f},
                1, 2, 8, 6);

        List<Keypoint> keypoints = new SimccDecoder(2.0).decode(output, 0, IDENTITY);

        assertThat(keypoints).containsExactly(
                new Keypoint(2.5f, 1.5f, 0.6f),
                new Keypoint(0f, 2.5f, 0.3f));
    }

    @Test
    void splitRatioDividesTheBin() {
        SimccOutput output = new SimccOutput(new float[] {0, 0, 0, 1}, new float[] {0, 1, 0}, 1, 1, 4, 3);

        assertThat(new SimccDecoder(1.0).decode(output, 0, IDENTITY)).containsExactly(new Keypoint(3f, 1f, 1f));
        assertThat(new SimccDecoder(4.0).decode(output, 0, IDENTITY)).containsExactly(new Keypoint(0.75f, 0.25f, 1f));
    }

    @Test
    void keypointWithoutPositiveScoreIsMarkedNotFoundAtBinMinusOne() {
        SimccOutput output = new SimccOutput(
                new float[] {0, 0.7f, 0, /* */ -2f, -1f, -3f},
                new float[] {0, 0, 0.2f, 0, /* */ 0.4f, 0, 0, 0},
                1, 2, 3, 4);

        List<Keypoint> keypoints = new SimccDecoder(2.0).decode(output, 0, IDENTITY);

        // Score 0 (y's maximum is the first bin's 0) and score -1 both fall back to bin -1 on both axes.
        assertThat(keypoints).containsExactly(
                new Keypoint(0.5f, 1f, 0.2f),
                new Keypoint(-0.5f, -0.5f, -1f));
    }

    @Test
    void zeroScoreIsNotFound() {
        SimccOutput output = new SimccOutput(new float[] {0, 0, 0}, new float[] {0, 0.5f}, 1, 1, 3, 2);

        assertThat(new SimccDecoder(2.0).decode(output, 0, IDENTITY)).containsExactly(new Keypoint(-0.5f, -0.5f, 0f));
    }

    @Test
    void instancesAreDecodedFromTheirOwnRows() {
        SimccOutput output = new SimccOutput(
                new float[] {1, 0, 0, 0, /* instance 1 */ 0, 0, 0, 1},
                new float[] {0, 1, /* instance 1 */ 1, 0},
                2, 1, 4, 2);
        SimccDecoder decoder = new SimccDecoder(2.0);

        assertThat(decoder.decode(output, 0, IDENTITY)).containsExactly(new Keypoint(0f, 0.5f, 1f));
        assertThat(decoder.decode(output, 1, IDENTITY)).containsExactly(new Keypoint(1.5f, 0f, 1f));
        assertThatThrownBy(() -> decoder.decode(output, 2, IDENTITY)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void keypointsAreBackProjectedIntoTheFrame() {
        InputSize input = new InputSize(192, 256);
        AffineTransform toFrame = AffineTransform.regionToInput(new CropRegion(60, 120, 187.5, 250), input).inverse();
        float[] x = new float[384];
        float[] y = new float[512];
        x[192] = 0.9f; // input x 96, the crop's centre column
        y[0] = 0.8f;   // input y 0, the crop's top row

        List<Keypoint> keypoints = new SimccDecoder(2.0).decode(new SimccOutput(x, y, 1, 1, 384, 512), 0, toFrame);

        assertThat(keypoints).containsExactly(new Keypoint(60f, -5f, 0.8f));
    }

    @Test
    void firstOfEqualMaximaWins() {
        assertThat(SimccDecoder.argmax(new float[] {9, 0.1f, 0.5f, 0.5f, 0.2f}, 1, 4)).isEqualTo(1);
    }

    @Test
    void rejectsOutputsThatDoNotMatchTheirShape() {
        assertThatThrownBy(() -> new SimccOutput(new float[7], new float[6], 1, 1, 8, 6))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimccDecoder(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
