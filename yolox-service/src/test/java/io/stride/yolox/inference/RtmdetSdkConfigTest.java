package io.stride.yolox.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.core.model.ModelLoadException;
import io.stride.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RtmdetSdkConfigTest {

    @Test
    void readsTheSdkFilesOfTheSharedRtmdetNano() {
        var config = RtmdetSdkConfig.besideModel(SharedData.model("rtmdet-nano-person/end2end.onnx"));

        assertThat(config.size()).isEqualTo(320);
        assertThat(config.padValue()).isEqualTo(114);
        assertThat(config.batchSize()).isEqualTo(1);
        // (v - mean) / std with mean 103.53, 116.28, 123.675 and std 57.375, 57.12, 58.395 (BGR)
        assertThat(config.normalization().apply(0, 114)).isEqualTo((114 - 103.53f) / 57.375f);
        assertThat(config.normalization().apply(2, 0)).isEqualTo(-123.675f / 58.395f);
    }

    @Test
    void aModelWithoutSdkFilesGetsTheSdkDefaults(@TempDir Path dir) {
        assertThat(RtmdetSdkConfig.besideModel(dir.resolve("end2end.onnx"))).isEqualTo(RtmdetSdkConfig.SDK_DEFAULT);
    }

    @Test
    void takesTheSizeAndBatchTheFilesGive(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(RtmdetSdkConfig.PIPELINE), """
                {"pipeline": {"tasks": [{"transforms": [
                  {"type": "Resize", "keep_ratio": true, "size": [640, 640]},
                  {"type": "Pad", "size": [640, 640], "pad_val": {"img": [0, 0, 0]}}
                ]}]}}""");
        Files.writeString(dir.resolve(RtmdetSdkConfig.DEPLOY), """
                {"models": [{"name": "rtmdet", "batch_size": 8}]}""");

        var config = RtmdetSdkConfig.besideModel(dir.resolve("end2end.onnx"));

        assertThat(config.size()).isEqualTo(640);
        assertThat(config.padValue()).isZero();
        assertThat(config.batchSize()).isEqualTo(8);
    }

    @Test
    void refusesAPipelineThatFeedsRgb(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(RtmdetSdkConfig.PIPELINE), """
                {"pipeline": {"tasks": [{"transforms": [
                  {"type": "Normalize", "to_rgb": true, "mean": [1, 2, 3], "std": [1, 1, 1]}
                ]}]}}""");

        assertThatThrownBy(() -> RtmdetSdkConfig.besideModel(dir.resolve("end2end.onnx")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("RGB");
    }
}
