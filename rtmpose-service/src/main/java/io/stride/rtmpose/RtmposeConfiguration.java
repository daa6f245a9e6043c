package io.stride.rtmpose;

import io.stride.core.model.InferenceProperties;
import io.stride.core.model.ModelLoadException;
import io.stride.core.model.OnnxModel;
import io.stride.core.stage.StageMetrics;
import io.stride.core.stage.StageProcessor;
import io.stride.rtmpose.inference.PoseEstimator;
import io.stride.rtmpose.stage.RtmposeProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The stage's processor and, unless pose estimation is disabled, the model it runs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RtmposeProperties.class)
public class RtmposeConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty(name = "stride.rtmpose.enabled", matchIfMissing = true)
    PoseEstimator poseEstimator(RtmposeProperties rtmpose, InferenceProperties inference,
                                ObjectProvider<StageMetrics> metrics) {
        Path file = rtmpose.modelPath();
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("RTMPose model file not found: " + file.toAbsolutePath()
                    + ". Run scripts/download_models.sh to download it, point stride.rtmpose.model-path at it,"
                    + " or set stride.rtmpose.enabled=false to run without poses.");
        }
        OnnxModel model = OnnxModel.load(file, inference);
        try {
            StageMetrics stageMetrics = metrics.getIfAvailable();
            return stageMetrics == null
                    ? new PoseEstimator(model, rtmpose.bboxPadding(), rtmpose.simccSplitRatio())
                    : new PoseEstimator(model, rtmpose.bboxPadding(), rtmpose.simccSplitRatio(), stageMetrics);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Bean
    StageProcessor rtmposeProcessor(ObjectProvider<PoseEstimator> estimator, RtmposeProperties rtmpose,
                                    ObjectProvider<StageMetrics> metrics) {
        Optional<PoseEstimator> model = Optional.ofNullable(estimator.getIfAvailable());
        StageMetrics stageMetrics = metrics.getIfAvailable();
        return stageMetrics == null
                ? new RtmposeProcessor(model, rtmpose.personClassId())
                : new RtmposeProcessor(model, rtmpose.personClassId(), stageMetrics);
    }
}
