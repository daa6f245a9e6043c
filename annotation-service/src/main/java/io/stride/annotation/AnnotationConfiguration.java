package io.stride.annotation;

import io.stride.annotation.draw.ResultPainter;
import io.stride.core.result.StorageProperties;
import io.stride.core.task.TaskEventPublisher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes this service a stage: the processor bean is what pipeline-core's runner feeds. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnnotationProperties.class)
class AnnotationConfiguration {

    @Bean
    AnnotationProcessor annotationProcessor(AnnotationProperties properties, StorageProperties storage,
                                            TaskEventPublisher events) {
        var painter = new ResultPainter(properties.keypointScoreThreshold(), properties.trackedClasses());
        return new AnnotationProcessor(storage.results(), painter, properties.encoder(), events);
    }
}
