package io.stride.annotation.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stride.core.result.StorageProperties;
import io.stride.core.topic.TopicNames;
import io.stride.rtsp.RtspServer;
import io.stride.rtsp.RtspServerSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The live restream: every task's packets go to {@code stride.rtsp.publish-url}; unless an external server
 * is configured, that is the RTSP server embedded here, which also replays finished tasks on demand.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RtspProperties.class)
class LiveStreamingConfiguration {

    @Bean
    LiveOutputs liveOutputs(RtspProperties properties) {
        if (!properties.enabled()) {
            return LiveOutputs.NONE;
        }
        return (taskId, format) -> LiveStream.start(properties.urlOf(taskId), format, properties.maxBufferedPackets());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "stride.rtsp.embedded.enabled", havingValue = "true", matchIfMissing = true)
    RtspServer embeddedRtspServer(RtspProperties properties, StorageProperties storage, MeterRegistry meters) {
        var settings = RtspServerSettings.defaults()
                .withBindHost(properties.embedded().bindHost())
                .withPort(properties.embedded().port())
                .withPublisherWait(properties.embedded().publisherWait());
        var server = new RtspServer(settings, path -> TopicNames.isTaskId(path.replaceFirst("^/+", "")));
        if (properties.replayFinished()) {
            var replay = new ReplayPublisher(storage.results(), properties);
            server.setMissingPathHandler(replay::startPublisher);
        }
        Gauge.builder("stride.rtsp.readers", server, s -> s.statistics().readers())
                .description("Players attached to a live stream of the embedded RTSP server").register(meters);
        Gauge.builder("stride.rtsp.live.streams", server, s -> s.statistics().livePaths())
                .description("Tasks being streamed live or replayed").register(meters);
        return server;
    }
}
