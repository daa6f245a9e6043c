package io.stride.yolox.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import ai.onnxruntime.OrtEnvironment;
import io.stride.yolox.detect.Letterbox;
import io.stride.yolox.detect.PixelNormalization;
import io.stride.yolox.detect.ResizeRule;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class InputBatchTest {

    @Test
    void aTensorCoversOnlyTheFilledSlotsInOrder() throws Exception {
        try (var batch = new InputBatch(new Letterbox(2, 2, ResizeRule.YOLOX, PixelNormalization.NONE, 114), 3);
             Mat first = new Mat(2, 2, CV_8UC3, new Scalar(1, 2, 3, 0));
             Mat second = new Mat(2, 2, CV_8UC3, new Scalar(4, 5, 6, 0))) {
            var geometries = batch.fill(List.of(first, second));

            try (var tensor = batch.tensor(OrtEnvironment.getEnvironment(), 2)) {
                assertThat(tensor.getInfo().getShape()).containsExactly(2, 3, 2, 2);
                float[][][][] values = (float[][][][]) tensor.getValue();
                assertThat(values[0][2][1][1]).isEqualTo(3f);
                assertThat(values[1][0][0][0]).isEqualTo(4f);
            }
            assertThat(geometries).hasSize(2);
        }
    }

    @Test
    void refusesMoreFramesThanItHolds() {
        try (var batch = new InputBatch(new Letterbox(2, 2, ResizeRule.YOLOX, PixelNormalization.NONE, 114), 1);
             Mat frame = new Mat(2, 2, CV_8UC3)) {
            assertThatThrownBy(() -> batch.fill(List.of(frame, frame))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
