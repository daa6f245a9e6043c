package io.stride.annotation.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stride.annotation.security.ApiKeyProperties;
import io.stride.core.result.StorageProperties;
import io.stride.core.security.ApiKey;
import io.stride.core.topic.TopicNames;
import io.stride.rtsp.RtspServer;
import io.stride.rtsp.StreamAccess;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The live restream: every task's packets go to {@code stride.rtsp.publish-url}; unless an external server
 * is configured, that is the RTSP server embedded here, which also replays finished tasks on demand, under the caps
 * of {@code stride.rtsp.embedded.*}. With {@code stride.security.api-key} set, the embedded server lets only clients
 * with the key publish and read ({@code ?api_key=} in the URL, as the backend's {@code stream_url} has it, or the
 * key as Basic password), and this service's own publishers put the key into their URL.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RtspProperties.class, ApiKeyProperties.class})
class LiveStreamingConfiguration {

    @Bean
    PublishUrls publishUrls(RtspProperties properties, ApiKeyProperties security) {
        return new PublishUrls(properties, security);
    }

    @Bean
    LiveOutputs liveOutputs(RtspProperties properties, PublishUrls urls) {
        if (!properties.enabled()) {
            return LiveOutputs.NONE;
        }
        return (taskId, format) -> LiveStream.start(urls.of(taskId), format, properties.maxBufferedPackets());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "stride.rtsp.embedded.enabled", havingValue = "true", matchIfMissing = true)
    RtspServer embeddedRtspServer(RtspProperties properties, ApiKeyProperties security, PublishUrls urls,
            StorageProperties storage, MeterRegistry meters) {
        var server = new RtspServer(properties.embedded().serverSettings(),
                path -> TopicNames.isTaskId(path.replaceFirst("^/+", "")), streamAccess(security));
        if (properties.replayFinished()) {
            var replay = new ReplayPublisher(storage.results(), urls, properties.replayLeadIn());
            server.setMissingPathHandler(replay::startPublisher);
        }
        Gauge.builder("stride.rtsp.readers", server, s -> s.statistics().readers())
                .description("Players attached to a live stream of the embedded RTSP server").register(meters);
        Gauge.builder("stride.rtsp.live.streams", server, s -> s.statistics().livePaths())
                .description("Tasks being streamed live or replayed").register(meters);
        return server;
    }

    static StreamAccess streamAccess(ApiKeyProperties security) {
        return security.required()
                .map(key -> StreamAccess.requiringKey(ApiKey.QUERY_PARAMETER, key::accepts))
                .orElseGet(StreamAccess::open);
    }
}
