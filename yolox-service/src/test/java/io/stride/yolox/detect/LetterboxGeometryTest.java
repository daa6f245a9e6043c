package io.stride.yolox.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stride.core.frame.BoundingBox;
import org.junit.jupiter.api.Test;

class LetterboxGeometryTest {

    @Test
    void yoloxFitsA720pFrameToTheInputWidth() {
        var g = LetterboxGeometry.of(ResizeRule.YOLOX, 1280, 720, 416, 416);

        assertThat(g.scaleX()).isEqualTo(416.0 / 1280);
        assertThat(g.scaleY()).isEqualTo(416.0 / 1280);
        assertThat(g.resizedWidth()).isEqualTo(416);
        assertThat(g.resizedHeight()).isEqualTo(234);
    }

    @Test
    void yoloxTruncatesTheResizedSizeLikeTheOfficialPreproc() {
        // r = 416 / 1000 = 0.416; 333 · 0.416 = 138.528 → int() = 138 (rounding would give 139)
        var g = LetterboxGeometry.of(ResizeRule.YOLOX, 1000, 333, 416, 416);

        assertThat(g.resizedWidth()).isEqualTo(416);
        assertThat(g.resizedHeight()).isEqualTo(138);
        assertThat(g.scaleY()).isEqualTo(0.416);
    }

    @Test
    void yoloxFitsATallFrameToTheInputHeight() {
        var g = LetterboxGeometry.of(ResizeRule.YOLOX, 720, 1280, 640, 640);

        assertThat(g.resizedWidth()).isEqualTo(360);
        assertThat(g.resizedHeight()).isEqualTo(640);
        assertThat(g.scaleX()).isEqualTo(0.5);
    }

    @Test
    void mmdetRoundsHalfUpAndMapsBackWithThePerAxisFactor() {
        // factor = 320 / 1000 = 0.32; 333 · 0.32 = 106.56 → 107
        var g = LetterboxGeometry.of(ResizeRule.MMDET, 1000, 333, 320, 320);

        assertThat(g.resizedWidth()).isEqualTo(320);
        assertThat(g.resizedHeight()).isEqualTo(107);
        assertThat(g.scaleX()).isEqualTo(0.32);
        assertThat(g.scaleY()).isEqualTo(107.0 / 333);
    }

    @Test
    void mapsABoxBackToTheFrameAndClipsItToTheFrame() {
        var g = LetterboxGeometry.of(ResizeRule.YOLOX, 1280, 720, 416, 416);

        BoundingBox box = g.toFrame(-10f, 20f, 500f, 300f);

        assertThat(box.x1()).isZero();
        assertThat(box.y1()).isCloseTo(61.538f, within(0.001f));
        assertThat(box.x2()).isEqualTo(1280f);
        assertThat(box.y2()).isEqualTo(720f);
    }

    @Test
    void mapsAnInteriorBoxByDividingByTheScale() {
        var g = LetterboxGeometry.of(ResizeRule.YOLOX, 832, 832, 416, 416);

        assertThat(g.toFrame(10f, 20f, 30f, 40f)).isEqualTo(new BoundingBox(20f, 40f, 60f, 80f));
    }

    @Test
    void rejectsEmptyFrames() {
        assertThatThrownBy(() -> LetterboxGeometry.of(ResizeRule.YOLOX, 0, 720, 416, 416))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
