package io.stride.annotation;

import io.stride.annotation.draw.ResultPainter;
import io.stride.annotation.live.LiveOutputs;
import io.stride.core.result.StorageProperties;
import io.stride.core.task.TaskEventPublisher;
import java.time.Clock;
import org.bytedeco.ffmpeg.global.avutil;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes this service a stage: the processor bean is what pipeline-core's runner feeds. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnnotationProperties.class)
class AnnotationConfiguration {

    @Bean
    AnnotationProcessor annotationProcessor(AnnotationProperties properties, StorageProperties storage,
                                            TaskEventPublisher events, ObjectProvider<LiveOutputs> live) {
        // libx264 logs its settings and statistics for every file at info level: keep FFmpeg to real problems.
        avutil.av_log_set_level(avutil.AV_LOG_WARNING);
        var painter = new ResultPainter(properties.keypointScoreThreshold(), properties.trackedClasses());
        return new AnnotationProcessor(storage.results(), painter, properties.encoder(), events,
                properties.abandonAfter(), Clock.systemUTC(), live.getIfAvailable(() -> LiveOutputs.NONE));
    }
}
