package io.stride.yolox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.core.model.InferenceProperties;
import io.stride.core.model.ModelLoadException;
import io.stride.core.stage.StageMetrics;
import io.stride.core.stage.StageProcessor;
import io.stride.core.testing.SharedData;
import io.stride.yolox.inference.ObjectDetector;
import io.stride.yolox.inference.RtmdetDetector;
import io.stride.yolox.inference.YoloxDetector;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Start-up of the detector beans without Kafka. */
class DetectorConfigurationTest {

    /** What pipeline-core's auto-configuration would give, without its Kafka runtime. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(InferenceProperties.class)
    static class StageRuntime {
        @Bean
        StageMetrics stageMetrics() {
            return new StageMetrics(new SimpleMeterRegistry(), "yolox");
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(StageRuntime.class, DetectorConfiguration.class)
            .withPropertyValues("stride.inference.device=cpu");

    @Test
    void aMissingModelFileStopsStartUpNamingTheSettingAndTheFile() {
        runner.withPropertyValues("stride.yolox.model-path=/nowhere/yolox_s.onnx").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining(ModelLoadException.class.getName())
                    .hasStackTraceContaining("stride.yolox.model-path")
                    .rootCause().hasMessageContaining("model file not found: /nowhere/yolox_s.onnx");
        });
    }

    @Test
    void theDefaultModelTypeIsYolox() {
        runner.withPropertyValues("stride.yolox.model-path=" + SharedData.model(SharedData.YOLOX_NANO)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ObjectDetector.class)).isInstanceOf(YoloxDetector.class);
            assertThat(context).hasSingleBean(StageProcessor.class);
        });
    }

    @Test
    void theModelTypeSelectsRtmdet() {
        runner.withPropertyValues(
                "stride.yolox.model-path=" + SharedData.model("rtmdet-nano-person/end2end.onnx"),
                "stride.yolox.model-type=rtmdet").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ObjectDetector.class)).isInstanceOf(RtmdetDetector.class);
        });
    }

    @Test
    void aScoreThresholdAboveOneIsRejected() {
        runner.withPropertyValues(
                "stride.yolox.model-path=" + SharedData.model(SharedData.YOLOX_NANO),
                "stride.yolox.score-threshold=1.5").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("scoreThreshold");
        });
    }
}
