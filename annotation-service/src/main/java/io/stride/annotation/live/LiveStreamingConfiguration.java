package io.stride.annotation.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stride.core.security.AccessPolicy;
import io.stride.core.result.StorageProperties;
import io.stride.core.topic.TopicNames;
import io.stride.rtsp.PublisherSecret;
import io.stride.rtsp.RtspServer;
import io.stride.rtsp.StreamAccess;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The live restream: every task's packets go to {@code stride.rtsp.publish-url}; unless an external server
 * is configured, that is the RTSP server embedded here, which also replays finished tasks on demand.
 *
 * <p>The embedded server lets only this process publish: its publishers present a {@link PublisherSecret} made at
 * start-up. Reading follows the {@link AccessPolicy}: open without an operator key; with one, a player presents the
 * task's read token ({@code ?token=}, as the backend's {@code stream_url} has it) or the operator key (as the Basic
 * password).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RtspProperties.class)
class LiveStreamingConfiguration {

    @Bean
    PublisherSecret rtspPublisherSecret() {
        return PublisherSecret.random();
    }

    @Bean
    PublishUrls publishUrls(RtspProperties properties, AccessPolicy access, PublisherSecret secret) {
        return properties.embedded().enabled()
                ? PublishUrls.withPublisherSecret(properties, secret)
                : new PublishUrls(properties, access);
    }

    @Bean
    LiveOutputs liveOutputs(RtspProperties properties, PublishUrls urls) {
        if (!properties.enabled()) {
            return LiveOutputs.NONE;
        }
        return (taskId, format, live) -> live
                ? LiveStream.startUnpaced(urls.of(taskId), format, properties.maxBufferedPackets())
                : LiveStream.start(urls.of(taskId), format, properties.maxBufferedPackets());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "stride.rtsp.embedded.enabled", havingValue = "true", matchIfMissing = true)
    RtspServer embeddedRtspServer(RtspProperties properties, AccessPolicy access, PublisherSecret secret,
            PublishUrls urls, StorageProperties storage, MeterRegistry meters) {
        var server = new RtspServer(properties.embedded().serverSettings(),
                path -> TopicNames.isTaskId(path.replaceFirst("^/+", "")), streamAccess(access, secret));
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

    /** Publishing with the process's secret alone; reading as the access policy allows for the path's task. */
    static StreamAccess streamAccess(AccessPolicy access, PublisherSecret secret) {
        if (access.isOpen()) {
            return StreamAccess.openForReading(secret);
        }
        return StreamAccess.requiring((path, credential) -> access.mayRead(path.replaceFirst("^/+", ""), credential),
                secret);
    }
}
