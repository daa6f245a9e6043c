package io.stride.yolox.stage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecodeReductionTest {

    @Test
    void reducesAsFarAsTheModelInputAllows() {
        assertThat(DecodeReduction.factor(1280, 720, 416, 416)).isEqualTo(2);   // letterbox scale 0.325
        assertThat(DecodeReduction.factor(1920, 1080, 416, 416)).isEqualTo(4);  // 0.217
        assertThat(DecodeReduction.factor(3840, 2160, 416, 416)).isEqualTo(8);  // 0.108
        assertThat(DecodeReduction.factor(7680, 4320, 416, 416)).isEqualTo(8);  // libjpeg stops at 1/8
        assertThat(DecodeReduction.factor(1280, 720, 640, 640)).isEqualTo(2);   // exactly half: no upscale
    }

    @Test
    void neverDecodesSmallerThanTheModelSees() {
        assertThat(DecodeReduction.factor(640, 360, 416, 416)).isEqualTo(1);
        assertThat(DecodeReduction.factor(1279, 720, 640, 640)).isEqualTo(1);   // half would be 639.5 < 640
        assertThat(DecodeReduction.factor(416, 416, 416, 416)).isEqualTo(1);
        assertThat(DecodeReduction.factor(320, 240, 416, 416)).isEqualTo(1);
    }
}
