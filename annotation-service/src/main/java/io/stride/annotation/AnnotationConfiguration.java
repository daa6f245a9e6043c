package io.stride.annotation;

import io.stride.annotation.draw.ResultPainter;
import io.stride.annotation.live.LiveOutputs;
import io.stride.annotation.output.RecordingProperties;
import io.stride.annotation.output.ResultWriters;
import io.stride.annotation.output.RollingRecordings;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.result.StorageProperties;
import io.stride.core.stage.StageProperties;
import io.stride.core.stage.TaskReplay;
import io.stride.core.task.TaskEventPublisher;
import java.time.Clock;
import org.bytedeco.ffmpeg.global.avutil;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes this service a stage: the processor bean is what pipeline-core's runner feeds. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AnnotationProperties.class, RecordingProperties.class})
class AnnotationConfiguration {

    /** Reads a task's input topic back from its resume point (frame 0 without one), for a task met mid-stream. */
    @Bean
    TaskReplay taskReplay(KafkaClients kafka, AnnotationProperties properties) {
        return new TaskReplay(kafka, properties.replayTimeout());
    }

    @Bean
    AnnotationProcessor annotationProcessor(AnnotationProperties properties, StorageProperties storage,
                                            StageProperties stage, TaskReplay replay, TaskEventPublisher events,
                                            RecordingProperties recording, ObjectProvider<LiveOutputs> live) {
        // libx264 logs its settings and statistics for every file at info level: keep FFmpeg to real problems.
        avutil.av_log_set_level(avutil.AV_LOG_WARNING);
        var painter = new ResultPainter(properties.keypointScoreThreshold(), properties.trackedClasses());
        Clock clock = Clock.systemUTC();
        var writers = new ResultWriters(storage.results(), properties.encoder(), properties.segmentFrames(),
                storage::upload, new RollingRecordings(recording, clock));
        var processor = new AnnotationProcessor(writers, painter, events, EarlierFrames.of(replay, stage.input()),
                live.getIfAvailable(() -> LiveOutputs.NONE), properties.abandonAfter(), clock);
        processor.sweepStalePartialFiles();
        return processor;
    }
}
