package io.stride.annotation.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

class RecordingPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @EnableConfigurationProperties(RecordingProperties.class)
    static class Settings {
    }

    @Test
    void documentedDefaults() {
        context.run(ctx -> assertThat(ctx.getBean(RecordingProperties.class)).isEqualTo(new RecordingProperties(
                Duration.ofMinutes(5), DataSize.ofGigabytes(10), Duration.ofHours(24))).isEqualTo(
                RecordingProperties.DEFAULTS));
    }

    @Test
    void boundFromStrideAnnotationRecording() {
        context.withPropertyValues("stride.annotation.recording.segment-duration=90s",
                        "stride.annotation.recording.max-bytes=500MB", "stride.annotation.recording.max-age=6h")
                .run(ctx -> assertThat(ctx.getBean(RecordingProperties.class)).isEqualTo(new RecordingProperties(
                        Duration.ofSeconds(90), DataSize.ofMegabytes(500), Duration.ofHours(6))));
    }

    @Test
    void invalidSettingsStopTheServiceFromStarting() {
        assertRejected("segment-duration", "0s", "segmentDuration");
        assertRejected("max-age", "0s", "maxAge");
        context.withPropertyValues("stride.annotation.recording.max-bytes=-1B")
                .run(ctx -> assertThat(ctx).getFailure().hasStackTraceContaining("max-bytes must not be negative"));
    }

    @Test
    void applicationYamlSaysTheDefaults() throws Exception {
        var environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
                .forEach(environment.getPropertySources()::addFirst);
        assertThat(new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("stride.annotation.recording", RecordingProperties.class))
                .isEqualTo(RecordingProperties.DEFAULTS);
    }

    private void assertRejected(String property, String value, String field) {
        context.withPropertyValues("stride.annotation.recording." + property + "=" + value).run(ctx -> assertThat(ctx)
                .getFailure().as(property + "=" + value).hasStackTraceContaining("on field '" + field + "'"));
    }
}
