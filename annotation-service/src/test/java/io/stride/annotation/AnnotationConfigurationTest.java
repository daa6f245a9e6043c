package io.stride.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.stride.annotation.analytics.AnalyticsProperties;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.kafka.KafkaSettings;
import io.stride.core.result.StorageProperties;
import io.stride.core.stage.StageProperties;
import io.stride.core.stage.TaskReplay;
import io.stride.core.task.TaskEventPublisher;
import io.stride.core.topic.Stage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class AnnotationConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(AnnotationConfiguration.class)
            .withBean(StorageProperties.class, () -> new StorageProperties(Path.of("jobs"), Path.of("results"),
                    java.time.Duration.ofDays(7)))
            .withBean(TaskEventPublisher.class, () -> mock(TaskEventPublisher.class))
            .withBean(KafkaClients.class,
                    () -> new KafkaClients(new KafkaSettings("localhost:9092", 33554432, Duration.ofSeconds(1))))
            .withUserConfiguration(StageSettings.class)
            .withPropertyValues("stride.stage.id=annotation");

    /** What the stage auto-configuration binds in the running service. */
    @EnableConfigurationProperties(StageProperties.class)
    static class StageSettings {
    }

    @Test
    void definesTheStageProcessorWithDocumentedDefaults() {
        context.run(ctx -> {
            assertThat(ctx).hasSingleBean(AnnotationProcessor.class).hasSingleBean(TaskReplay.class);
            assertThat(ctx.getBean(AnnotationProperties.class)).isEqualTo(new AnnotationProperties(0.3f, "veryfast",
                    23, 1.0, Set.of(0), Duration.ofMinutes(10), Duration.ofMinutes(4), 300));
        });
    }

    @Test
    void settingsAreBoundFromStrideAnnotation() {
        context.withPropertyValues("stride.annotation.keypoint-score-threshold=0.5",
                        "stride.annotation.x264-preset=ultrafast", "stride.annotation.crf=28",
                        "stride.annotation.gop-seconds=2", "stride.annotation.tracked-classes=0,2",
                        "stride.annotation.abandon-after=30m", "stride.annotation.replay-timeout=90s",
                        "stride.annotation.segment-frames=150")
                .run(ctx -> assertThat(ctx.getBean(AnnotationProperties.class)).isEqualTo(new AnnotationProperties(
                        0.5f, "ultrafast", 28, 2.0, Set.of(0, 2), Duration.ofMinutes(30), Duration.ofSeconds(90),
                        150)));
    }

    @Test
    void liveAnalyticsSettingsHaveDocumentedDefaultsAndAreBound() {
        context.run(ctx -> assertThat(ctx.getBean(AnalyticsProperties.class))
                .isEqualTo(new AnalyticsProperties(Duration.ofSeconds(1), Duration.ofSeconds(60))));
        context.withPropertyValues("stride.annotation.analytics.snapshot-interval=250ms",
                        "stride.annotation.analytics.forget-after=5m")
                .run(ctx -> assertThat(ctx.getBean(AnalyticsProperties.class))
                        .isEqualTo(new AnalyticsProperties(Duration.ofMillis(250), Duration.ofMinutes(5))));
        context.withPropertyValues("stride.annotation.analytics.forget-after=0s").run(ctx -> assertThat(ctx)
                .getFailure().hasStackTraceContaining("on field 'forgetAfter'"));
    }

    @Test
    void invalidSettingsStopTheServiceFromStarting() {
        assertRejected("crf", "52", "crf");
        assertRejected("x264-preset", "turbo", "x264Preset");
        assertRejected("keypoint-score-threshold", "1.5", "keypointScoreThreshold");
        assertRejected("gop-seconds", "0", "gopSeconds");
        assertRejected("tracked-classes", "", "trackedClasses");
        assertRejected("abandon-after", "0s", "abandonAfter");
        assertRejected("segment-frames", "0", "segmentFrames");
        assertRejected("replay-timeout", "0s", "replayTimeout");
    }

    private void assertRejected(String property, String value, String field) {
        context.withPropertyValues("stride.annotation." + property + "=" + value).run(ctx -> assertThat(ctx)
                .getFailure().as(property + "=" + value).hasStackTraceContaining("on field '" + field + "'"));
    }

    @Test
    void applicationYamlMakesThisTheLastStageReadingRtmposeTopics() throws Exception {
        var environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
                .forEach(environment.getPropertySources()::addFirst);
        Binder binder = new Binder(ConfigurationPropertySources.get(environment));

        StageProperties stage = binder.bindOrCreate("stride.stage", StageProperties.class);
        assertThat(stage.name()).isEqualTo("annotation");
        assertThat(stage.input()).isEqualTo(Stage.RTMPOSE);
        assertThat(stage.output()).isEmpty();
        assertThat(environment.getProperty("server.port")).isEqualTo("8084");
        assertThat(environment.getProperty("stride.storage.results-dir")).isEqualTo("data/results");
        assertThat(environment.getProperty("stride.storage.jobs-dir")).as("the backend's, where uploads are")
                .isEqualTo("data/jobs");
    }
}
