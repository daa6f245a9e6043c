package io.stride.bytetrack.stage;

import io.stride.core.stage.StageProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes this service a stage: pipeline-core's auto-configuration runs any {@link StageProcessor} bean. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ByteTrackProperties.class)
public class ByteTrackStageConfiguration {

    @Bean
    StageProcessor byteTrackProcessor(ByteTrackProperties properties) {
        return new ByteTrackProcessor(properties);
    }
}
