package io.stride.backend.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/** FFmpeg's display angle to the turn that makes a frame upright, and where a corner pixel ends up. */
class FrameRotationTest {

    @Test
    void theCounterClockwiseDisplayAngleBecomesAClockwiseQuarterTurn() {
        assertThat(FrameRotation.clockwiseDegrees(0)).isZero();
        assertThat(FrameRotation.clockwiseDegrees(-90)).isEqualTo(90); // a phone held upright: "rotate=90"
        assertThat(FrameRotation.clockwiseDegrees(90)).isEqualTo(270);
        assertThat(FrameRotation.clockwiseDegrees(180)).isEqualTo(180);
        assertThat(FrameRotation.clockwiseDegrees(-180)).isEqualTo(180);
        assertThat(FrameRotation.clockwiseDegrees(-89.6)).isEqualTo(90);
        assertThat(FrameRotation.clockwiseDegrees(Double.NaN)).isZero();
    }

    @Test
    void onlyQuarterAndThreeQuarterTurnsSwapTheSides() {
        assertThat(FrameRotation.swapsSides(0)).isFalse();
        assertThat(FrameRotation.swapsSides(90)).isTrue();
        assertThat(FrameRotation.swapsSides(180)).isFalse();
        assertThat(FrameRotation.swapsSides(270)).isTrue();
    }

    @Test
    void theTopLeftPixelGoesWhereTheTurnTakesIt() {
        // 3 wide, 2 high, white at (x=0, y=0).
        try (Mat frame = new Mat(2, 3, opencv_core.CV_8UC3, new Scalar(0, 0, 0, 0))) {
            frame.ptr(0, 0).put(new byte[] {(byte) 255, (byte) 255, (byte) 255});

            assertWhiteAt(FrameRotation.upright(frame, 90), 2, 3, 1, 0);   // clockwise: to the top right
            assertWhiteAt(FrameRotation.upright(frame, 180), 3, 2, 2, 1);  // to the bottom right
            assertWhiteAt(FrameRotation.upright(frame, 270), 2, 3, 0, 2);  // counter-clockwise: to the bottom left
            assertThat(FrameRotation.upright(frame, 0)).isSameAs(frame);
        }
    }

    @Test
    void anythingButAQuarterTurnIsRefused() {
        try (Mat frame = new Mat(2, 2, opencv_core.CV_8UC3)) {
            assertThatThrownBy(() -> FrameRotation.upright(frame, 45)).hasMessage("not a quarter turn: 45");
        }
    }

    private static void assertWhiteAt(Mat turned, int width, int height, int x, int y) {
        assertThat(turned.cols()).isEqualTo(width);
        assertThat(turned.rows()).isEqualTo(height);
        try (UByteIndexer pixels = turned.createIndexer()) {
            for (int row = 0; row < height; row++) {
                for (int col = 0; col < width; col++) {
                    assertThat(pixels.get(row, col, 0)).as("(%d, %d)", col, row)
                            .isEqualTo(col == x && row == y ? 255 : 0);
                }
            }
        }
    }
}
