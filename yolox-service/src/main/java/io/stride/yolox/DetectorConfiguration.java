package io.stride.yolox;

import io.stride.core.model.InferenceProperties;
import io.stride.core.model.ModelLoadException;
import io.stride.core.model.OnnxModel;
import io.stride.core.stage.StageMetrics;
import io.stride.core.stage.StageProcessor;
import io.stride.yolox.inference.ObjectDetector;
import io.stride.yolox.inference.RtmdetDetector;
import io.stride.yolox.inference.YoloxDetector;
import io.stride.yolox.stage.YoloxProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One model session for the life of the service, the detector around it, and the stage that uses it. The
 * {@link StageMetrics} come from pipeline-core's stage runtime, which this configuration's processor switches on.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(YoloxProperties.class)
public class DetectorConfiguration {

    @Bean(destroyMethod = "close")
    OnnxModel detectorModel(YoloxProperties settings, InferenceProperties inference) {
        try {
            return OnnxModel.load(settings.modelPath(), inference);
        } catch (ModelLoadException e) {
            throw new ModelLoadException("stride.yolox.model-path: " + e.getMessage(), e);
        }
    }

    @Bean(destroyMethod = "close")
    ObjectDetector objectDetector(OnnxModel detectorModel, YoloxProperties settings, StageMetrics metrics) {
        return switch (settings.modelType()) {
            case YOLOX -> YoloxDetector.create(detectorModel, settings, metrics);
            case RTMDET -> RtmdetDetector.create(detectorModel, settings, metrics);
        };
    }

    @Bean
    StageProcessor yoloxProcessor(ObjectDetector objectDetector, YoloxProperties settings, StageMetrics metrics) {
        return new YoloxProcessor(objectDetector, metrics, settings.reducedDecode());
    }
}
