package io.stride.annotation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.annotation.analytics.AnalyticsProperties;
import io.stride.annotation.analytics.KafkaLiveEvents;
import io.stride.annotation.analytics.ResumableAnalytics;
import io.stride.annotation.draw.AnalyticsPainter;
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
@EnableConfigurationProperties({AnnotationProperties.class, RecordingProperties.class, AnalyticsProperties.class})
class AnnotationConfiguration {

    /** Reads a task's input topic back from its resume point (frame 0 without one), for a task met mid-stream. */
    @Bean
    TaskReplay taskReplay(KafkaClients kafka, AnnotationProperties properties) {
        return new TaskReplay(kafka, properties.replayTimeout());
    }

    /** The live analytics events of every task, on their topic; closed after the processor, flushing them. */
    @Bean(destroyMethod = "close")
    KafkaLiveEvents liveAnalyticsEvents(KafkaClients kafka, ObjectProvider<MeterRegistry> meters) {
        return new KafkaLiveEvents(kafka, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    AnnotationProcessor annotationProcessor(AnnotationProperties properties, StorageProperties storage,
                                            StageProperties stage, TaskReplay replay, TaskEventPublisher events,
                                            RecordingProperties recording, ObjectProvider<LiveOutputs> live,
                                            AnalyticsProperties analytics, KafkaLiveEvents analyticsEvents) {
        // libx264 logs its settings and statistics for every file at info level: keep FFmpeg to real problems.
        avutil.av_log_set_level(avutil.AV_LOG_WARNING);
        var painter = new ResultPainter(properties.keypointScoreThreshold(), properties.trackedClasses());
        Clock clock = Clock.systemUTC();
        var writers = new ResultWriters(storage.results(), properties.encoder(), properties.segmentFrames(),
                storage::upload, new RollingRecordings(recording, clock));
        var liveAnalytics = new ResumableAnalytics(storage.results(), analyticsEvents, new AnalyticsPainter(),
                analytics, clock);
        var processor = new AnnotationProcessor(writers, painter, events, EarlierFrames.of(replay, stage.input()),
                live.getIfAvailable(() -> LiveOutputs.NONE), liveAnalytics, properties.abandonAfter(), clock);
        processor.sweepStalePartialFiles();
        return processor;
    }
}
