package io.stride.rtmpose.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class InputNormaliserTest {

    @Test
    void writesRgbPlanesOfTheBgrPixelsNormalisedWithTheRtmposeMeanAndStd() {
        // Two pixels, BGR: (10, 20, 30) and (255, 0, 128).
        ByteBuffer bgr = ByteBuffer.wrap(new byte[] {10, 20, 30, (byte) 255, 0, (byte) 128});
        FloatBuffer out = FloatBuffer.allocate(6);

        InputNormaliser.rtmpose().writeChw(bgr, new InputSize(2, 1), out, 0);

        assertThat(out.array()).containsExactly(
                (float) ((30 - 123.675) / 58.395), (float) ((128 - 123.675) / 58.395),  // R
                (float) ((20 - 116.28) / 57.12), (float) ((0 - 116.28) / 57.12),        // G
                (float) ((10 - 103.53) / 57.375), (float) ((255 - 103.53) / 57.375));   // B
    }

    @Test
    void writesAtTheOffsetAndNowhereElse() {
        ByteBuffer bgr = ByteBuffer.wrap(new byte[] {1, 2, 3});
        FloatBuffer out = FloatBuffer.allocate(8);
        out.put(0, 42f).put(1, 42f).put(5, 42f).put(6, 42f).put(7, 42f);

        new InputNormaliser(new double[] {0, 0, 0}, new double[] {1, 1, 2}).writeChw(bgr, new InputSize(1, 1), out, 2);

        assertThat(out.array()).containsExactly(42f, 42f, 3f, 2f, 0.5f, 42f, 42f, 42f);
        assertThat(out.position()).isZero();
    }

    @Test
    void tableHoldsEveryLevel() {
        InputNormaliser normaliser = InputNormaliser.rtmpose();

        assertThat(normaliser.normalised(0, 0)).isEqualTo((float) (-123.675 / 58.395));
        assertThat(normaliser.normalised(1, 255)).isEqualTo((float) ((255 - 116.28) / 57.12));
        assertThat(normaliser.normalised(2, 104)).isEqualTo((float) ((104 - 103.53) / 57.375));
    }

    @Test
    void rejectsBuffersTooSmallForTheImage() {
        InputNormaliser normaliser = InputNormaliser.rtmpose();

        assertThatThrownBy(() -> normaliser.writeChw(ByteBuffer.allocate(5), new InputSize(2, 1), FloatBuffer.allocate(6), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> normaliser.writeChw(ByteBuffer.allocate(6), new InputSize(2, 1), FloatBuffer.allocate(6), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InputNormaliser(new double[] {0, 0, 0}, new double[] {1, 0, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
