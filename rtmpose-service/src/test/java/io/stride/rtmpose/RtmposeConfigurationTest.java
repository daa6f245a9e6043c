package io.stride.rtmpose;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.TrackedObject;
import io.stride.core.model.InferenceProperties;
import io.stride.core.model.ModelLoadException;
import io.stride.core.stage.StageProcessor;
import io.stride.rtmpose.inference.PoseEstimator;
import io.stride.rtmpose.pose.InputSize;
import io.stride.rtmpose.testing.ExactAnswerPoseModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The service's beans as start-up builds them from configuration. */
class RtmposeConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Inference.class, RtmposeConfiguration.class)
            .withPropertyValues("stride.inference.device=cpu");

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(InferenceProperties.class)
    static class Inference {
    }

    @Test
    void missingModelStopsStartUpNamingTheFileAndTheDownloadScript() {
        Path missing = dir.resolve("models/rtmpose-m.onnx");

        context.withPropertyValues("stride.rtmpose.model-path=" + missing).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining(missing.toAbsolutePath().toString())
                    .hasMessageContaining("scripts/download_models.sh")
                    .hasMessageContaining("stride.rtmpose.enabled=false");
        });
    }

    @Test
    void defaultModelPathIsWhereTheDownloadScriptPutsIt() {
        context.run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining(Path.of("models/rtmpose-m.onnx").toAbsolutePath().toString());
        });
    }

    @Test
    void loadsTheConfiguredModelWithRtmposeDefaults() throws Exception {
        Path model = ExactAnswerPoseModel.write(dir.resolve("pose.onnx"), 288, 384);

        context.withPropertyValues("stride.rtmpose.model-path=" + model).run(started -> {
            assertThat(started).hasNotFailed().hasSingleBean(PoseEstimator.class).hasSingleBean(StageProcessor.class);
            assertThat(started.getBean(PoseEstimator.class).inputSize()).isEqualTo(new InputSize(288, 384));
            RtmposeProperties properties = started.getBean(RtmposeProperties.class);
            assertThat(properties.enabled()).isTrue();
            assertThat(properties.bboxPadding()).isEqualTo(1.25);
            assertThat(properties.simccSplitRatio()).isEqualTo(2.0);
            assertThat(properties.personClassId()).isZero();
        });
    }

    @Test
    void disabledStageLoadsNoModelAndForwardsRecordsWithoutPoses() {
        Path missing = dir.resolve("absent.onnx");

        context.withPropertyValues("stride.rtmpose.enabled=false", "stride.rtmpose.model-path=" + missing)
                .run(started -> {
                    assertThat(started).hasNotFailed().doesNotHaveBean(PoseEstimator.class);
                    FrameRecord record = FrameRecord.frame("0f8fad5b-d9cb-469f-a165-70867728950e", 0, 0, 25, 64, 64,
                                    new byte[] {1})
                            .withTracks(List.of(new TrackedObject(1, new BoundingBox(1, 1, 30, 60), 0.9f, 0)));

                    List<FrameRecord> out = started.getBean(StageProcessor.class).process(List.of(record));

                    assertThat(out).singleElement().satisfies(r -> assertThat(r.poses()).isEmpty());
                });
    }

    @Test
    void rejectsPaddingThatWouldCropInsideTheBox() throws Exception {
        Path model = ExactAnswerPoseModel.write(dir.resolve("pose.onnx"), 192, 256);

        context.withPropertyValues("stride.rtmpose.model-path=" + model, "stride.rtmpose.bbox-padding=0.8")
                .run(started -> assertThat(started).hasFailed());
    }
}
