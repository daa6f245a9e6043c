package io.stride.yolox.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import org.junit.jupiter.api.Test;

class RtmdetDecoderTest {

    /** 1280x720 into 320x320: factor 0.25 on both axes, frame rows 0–180 of the input. */
    private static final LetterboxGeometry GEOMETRY = LetterboxGeometry.of(ResizeRule.MMDET, 1280, 720, 320, 320);

    @Test
    void keepsRowsAtTheThresholdAndMapsThemToTheFrame() {
        float[] dets = {
            10f, 20f, 30f, 60f, 0.9f,
            100f, 20f, 120f, 60f, 0.3f,
            200f, 20f, 220f, 60f, 0.29f,
        };
        long[] labels = {0, 0, 0};

        var detections = new RtmdetDecoder(0.3f).decode(FloatBuffer.wrap(dets), LongBuffer.wrap(labels), 0, 3, GEOMETRY);

        assertThat(detections).containsExactly(
                new Detection(new BoundingBox(40f, 80f, 120f, 240f), 0.9f, 0),
                new Detection(new BoundingBox(400f, 80f, 480f, 240f), 0.3f, 0));
    }

    @Test
    void dropsPaddedRowsAndBoxesInThePadding() {
        float[] dets = {
            10f, 20f, 30f, 60f, 0.9f,
            10f, 200f, 30f, 260f, 0.9f, // below row 180: padding
        };
        long[] labels = {-1, 0};

        assertThat(new RtmdetDecoder(0.1f).decode(FloatBuffer.wrap(dets), LongBuffer.wrap(labels), 0, 2, GEOMETRY))
                .isEmpty();
    }

    @Test
    void readsTheSecondImageFromItsRowOffset() {
        float[] dets = {
            10f, 20f, 30f, 60f, 0.9f,
            0f, 0f, 4f, 4f, 0.8f,
        };
        long[] labels = {0, 3};

        var detections = new RtmdetDecoder(0.1f).decode(FloatBuffer.wrap(dets), LongBuffer.wrap(labels), 1, 1, GEOMETRY);

        assertThat(detections).containsExactly(new Detection(new BoundingBox(0f, 0f, 16f, 16f), 0.8f, 3));
    }
}
