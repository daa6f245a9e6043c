package io.stride.yolox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.core.model.InferenceProperties;
import io.stride.core.model.OnnxModel;
import io.stride.core.stage.StageMetrics;
import java.nio.file.Path;

/** Models loaded as a service would, on the CPU with the service's default threads. */
public final class TestModels {

    public static final float SCORE_THRESHOLD = 0.1f;
    public static final float NMS_THRESHOLD = 0.45f;

    private TestModels() {
    }

    public static OnnxModel onCpu(Path file) {
        return OnnxModel.load(file, new InferenceProperties(InferenceProperties.Device.CPU, 1, 1, 0));
    }

    /** Metrics of the yolox stage in a registry of their own. */
    public static StageMetrics metrics() {
        return new StageMetrics(new SimpleMeterRegistry(), "yolox");
    }

    /** The service defaults for a model of this type, at this batch size. */
    public static YoloxProperties settings(Path file, YoloxProperties.ModelType type, int batchSize) {
        return new YoloxProperties(file, type, YoloxProperties.OutputFormatSetting.AUTO, SCORE_THRESHOLD,
                NMS_THRESHOLD, batchSize, null, true);
    }
}
