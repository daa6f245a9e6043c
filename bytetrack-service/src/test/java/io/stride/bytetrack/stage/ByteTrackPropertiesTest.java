package io.stride.bytetrack.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ByteTrackPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Binding.class);

    @Test
    void theRebuildTimeoutDefaultsToOneMinute() {
        context.run(started -> assertThat(started.getBean(ByteTrackProperties.class).rebuildTimeout())
                .isEqualTo(Duration.ofSeconds(60)));
    }

    @Test
    void aRebuildTimeoutPastTheConsumersPollIntervalIsRejectedAtStartUp() {
        context.withPropertyValues("stride.bytetrack.rebuild-timeout=5m").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("rebuildTimeout")
                    .hasMessageContaining("must be shorter than or equal to 4 minutes");
        });
    }

    @Test
    void aRebuildTimeoutUnderASecondIsRejectedAtStartUp() {
        context.withPropertyValues("stride.bytetrack.rebuild-timeout=200ms").run(started ->
                assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("rebuildTimeout")
                        .hasMessageContaining("must be longer than or equal to 1 second"));
    }

    @Test
    void aCheckpointIsTakenEvery150FramesByDefault() {
        context.run(started -> assertThat(started.getBean(ByteTrackProperties.class).checkpointInterval())
                .isEqualTo(150));
    }

    @Test
    void aCheckpointIntervalUnderOneFrameIsRejectedAtStartUp() {
        context.withPropertyValues("stride.bytetrack.checkpoint-interval=0").run(started ->
                assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("checkpointInterval")
                        .hasMessageContaining("must be greater than or equal to 1"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ByteTrackProperties.class)
    static class Binding {
    }
}
