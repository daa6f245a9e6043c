package io.stride.bytetrack.stage;

import io.stride.core.kafka.KafkaSettings;
import io.stride.core.stage.StageProcessor;
import io.stride.core.stage.StageProperties;
import io.stride.core.stage.TaskReplay;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes this service a stage: pipeline-core's auto-configuration runs any {@link StageProcessor} bean. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ByteTrackProperties.class)
public class ByteTrackStageConfiguration {

    /** Reads a task's input topic back to rebuild its tracker when the stage meets the task mid-stream. */
    @Bean
    TaskReplay taskReplay(KafkaSettings kafka, ByteTrackProperties properties) {
        return new TaskReplay(kafka, properties.rebuildTimeout());
    }

    /** {@link StageProperties} is bound by core's stage auto-configuration, which runs because this bean exists. */
    @Bean
    StageProcessor byteTrackProcessor(ByteTrackProperties properties, TaskReplay replay, StageProperties stage) {
        return new ByteTrackProcessor(properties, replay, stage.input());
    }
}
