package io.stride.annotation.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class EvenPaddingTest {

    @Test
    void roundsEachSideUpToEven() {
        assertThat(EvenPadding.even(641)).isEqualTo(642);
        assertThat(EvenPadding.even(360)).isEqualTo(360);
        assertThat(EvenPadding.even(1)).isEqualTo(2);
    }

    @Test
    void evenImagesPassUntouched() {
        try (var padding = new EvenPadding(4, 2); Mat image = new Mat(2, 4, CV_8UC3)) {
            assertThat(padding.apply(image)).isSameAs(image);
        }
    }

    @Test
    void oddImagesGetTheirLastColumnAndRowRepeated() {
        try (var padding = new EvenPadding(3, 3); Mat image = new Mat(3, 3, CV_8UC3, new Scalar(0, 0, 0, 0))) {
            image.ptr(2, 2).put(0, (byte) 7).put(1, (byte) 8).put(2, (byte) 9);
            image.ptr(0, 2).put(0, (byte) 5);

            Mat padded = padding.apply(image);

            assertThat(padded.cols()).isEqualTo(4);
            assertThat(padded.rows()).isEqualTo(4);
            assertThat(padded.ptr(3, 3).get(2)).as("corner copies the last pixel").isEqualTo((byte) 9);
            assertThat(padded.ptr(0, 3).get(0)).as("column 3 copies column 2").isEqualTo((byte) 5);
            assertThat(padded.ptr(3, 2).get(1)).as("row 3 copies row 2").isEqualTo((byte) 8);
            assertThat(padded.ptr(1, 1).get(0)).isZero();
        }
    }

    @Test
    void imagesOfAnotherSizeAreRejected() {
        try (var padding = new EvenPadding(3, 3); Mat image = new Mat(2, 2, CV_8UC3)) {
            assertThatThrownBy(() -> padding.apply(image)).hasMessage("expected a 3x3 image, got 2x2");
        }
    }
}
