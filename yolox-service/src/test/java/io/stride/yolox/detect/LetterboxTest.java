package io.stride.yolox.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class LetterboxTest {

    private static final int PAD = 114;

    @Test
    void halvesAFrameIntoTheTopOfTheInputAndPadsTheRestWithGrey() {
        // 8x4 frame: left half BGR (10, 20, 30), right half (200, 100, 50); into 4x4 at r = 0.5
        try (Mat frame = twoColours(8, 4, new int[] {10, 20, 30}, new int[] {200, 100, 50});
             var letterbox = new Letterbox(4, 4, ResizeRule.YOLOX, PixelNormalization.NONE, PAD)) {
            FloatBuffer out = buffer(letterbox.imageFloats());

            LetterboxGeometry g = letterbox.write(frame, out, 0);

            assertThat(g.resizedWidth()).isEqualTo(4);
            assertThat(g.resizedHeight()).isEqualTo(2);
            assertThat(plane(out, 0, 4, 4)).isEqualTo(new float[][] {
                {10, 10, 200, 200}, {10, 10, 200, 200}, {PAD, PAD, PAD, PAD}, {PAD, PAD, PAD, PAD}});
            assertThat(plane(out, 1, 4, 4)[0]).containsExactly(20, 20, 100, 100);
            assertThat(plane(out, 2, 4, 4)[1]).containsExactly(30, 30, 50, 50);
        }
    }

    @Test
    void padsTheRightOfATallFrame() {
        try (Mat frame = new Mat(4, 2, CV_8UC3, new Scalar(1, 2, 3, 0));
             var letterbox = new Letterbox(4, 4, ResizeRule.YOLOX, PixelNormalization.NONE, PAD)) {
            FloatBuffer out = buffer(letterbox.imageFloats());

            letterbox.write(frame, out, 0);

            assertThat(plane(out, 2, 4, 4)).isEqualTo(new float[][] {
                {3, 3, PAD, PAD}, {3, 3, PAD, PAD}, {3, 3, PAD, PAD}, {3, 3, PAD, PAD}});
        }
    }

    @Test
    void aFrameOfTheInputSizeIsCopiedPixelForPixel() {
        try (Mat frame = gradient(5, 3);
             var letterbox = new Letterbox(5, 3, ResizeRule.YOLOX, PixelNormalization.NONE, PAD)) {
            FloatBuffer out = buffer(letterbox.imageFloats());

            letterbox.write(frame, out, 0);

            // pixel (x, y) channel c holds 10·y + x + 100·c
            assertThat(plane(out, 0, 5, 3)[2]).containsExactly(20, 21, 22, 23, 24);
            assertThat(plane(out, 2, 5, 3)[1]).containsExactly(210, 211, 212, 213, 214);
        }
    }

    @Test
    void aRegionOfALargerImageIsReadThroughItsRowStride() {
        try (Mat big = gradient(5, 3);
             Rect rect = new Rect(1, 1, 2, 2);
             Mat region = new Mat(big, rect);
             var letterbox = new Letterbox(2, 2, ResizeRule.YOLOX, PixelNormalization.NONE, PAD)) {
            FloatBuffer out = buffer(letterbox.imageFloats());

            letterbox.write(region, out, 0);

            assertThat(plane(out, 0, 2, 2)).isEqualTo(new float[][] {{11, 12}, {21, 22}});
        }
    }

    @Test
    void normalisesPixelsAndPaddingPerChannel() {
        var normalization = PixelNormalization.of(new float[] {100f, 50f, 0f}, new float[] {2f, 4f, 1f});
        try (Mat frame = new Mat(1, 2, CV_8UC3, new Scalar(110, 70, 9, 0));
             var letterbox = new Letterbox(2, 2, ResizeRule.YOLOX, normalization, PAD)) {
            FloatBuffer out = buffer(letterbox.imageFloats());

            letterbox.write(frame, out, 0);

            assertThat(plane(out, 0, 2, 2)).isEqualTo(new float[][] {{5, 5}, {7, 7}});       // (110-100)/2, (114-100)/2
            assertThat(plane(out, 1, 2, 2)).isEqualTo(new float[][] {{5, 5}, {16, 16}});     // (70-50)/4, (114-50)/4
            assertThat(plane(out, 2, 2, 2)).isEqualTo(new float[][] {{9, 9}, {114, 114}});
        }
    }

    @Test
    void writesTheSecondSlotWithoutTouchingTheFirst() {
        try (Mat frame = new Mat(2, 2, CV_8UC3, new Scalar(7, 8, 9, 0));
             var letterbox = new Letterbox(2, 2, ResizeRule.YOLOX, PixelNormalization.NONE, PAD)) {
            FloatBuffer out = buffer(2 * letterbox.imageFloats());

            letterbox.write(frame, out, 1);

            for (int i = 0; i < letterbox.imageFloats(); i++) {
                assertThat(out.get(i)).isZero();
            }
            assertThat(out.get(letterbox.imageFloats())).isEqualTo(7);
            assertThat(out.position()).isZero();
        }
    }

    @Test
    void resizesLinearly() {
        // a 4-pixel ramp 0, 40, 80, 120 halved: linear interpolation averages neighbours → 20, 100
        try (Mat frame = new Mat(2, 4, CV_8UC3);
             var letterbox = new Letterbox(2, 2, ResizeRule.YOLOX, PixelNormalization.NONE, PAD)) {
            ByteBuffer pixels = frame.createBuffer();
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 4; x++) {
                    for (int c = 0; c < 3; c++) {
                        pixels.put((y * 4 + x) * 3 + c, (byte) (40 * x));
                    }
                }
            }
            FloatBuffer out = buffer(letterbox.imageFloats());

            letterbox.write(frame, out, 0);

            assertThat(out.get(0)).isCloseTo(20f, within(0.5f));
            assertThat(out.get(1)).isCloseTo(100f, within(0.5f));
        }
    }

    @Test
    void rejectsAGreyImage() {
        try (Mat grey = new Mat(2, 2, CV_8UC1);
             var letterbox = new Letterbox(2, 2, ResizeRule.YOLOX, PixelNormalization.NONE, PAD)) {
            assertThatThrownBy(() -> letterbox.write(grey, buffer(letterbox.imageFloats()), 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Mat twoColours(int width, int height, int[] left, int[] right) {
        Mat frame = new Mat(height, width, CV_8UC3);
        ByteBuffer pixels = frame.createBuffer();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] colour = x < width / 2 ? left : right;
                for (int c = 0; c < 3; c++) {
                    pixels.put((y * width + x) * 3 + c, (byte) colour[c]);
                }
            }
        }
        return frame;
    }

    private static Mat gradient(int width, int height) {
        Mat frame = new Mat(height, width, CV_8UC3);
        ByteBuffer pixels = frame.createBuffer();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    pixels.put((y * width + x) * 3 + c, (byte) (10 * y + x + 100 * c));
                }
            }
        }
        return frame;
    }

    private static FloatBuffer buffer(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static float[][] plane(FloatBuffer out, int channel, int width, int height) {
        float[][] rows = new float[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                rows[y][x] = out.get(channel * width * height + y * width + x);
            }
        }
        return rows;
    }
}
