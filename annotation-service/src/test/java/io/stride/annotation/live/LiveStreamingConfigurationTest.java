package io.stride.annotation.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.core.result.StorageProperties;
import io.stride.core.security.AccessPolicy;
import io.stride.core.security.SecurityAutoConfiguration;
import io.stride.core.topic.TopicNames;
import io.stride.rtsp.PublisherSecret;
import io.stride.rtsp.RtspServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The embedded RTSP server as the service wires it: only the service publishes, with the process's publisher
 * secret, and {@code stride.security.api-key}, when set, is what players need.
 */
class LiveStreamingConfigurationTest {

    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(LiveStreamingConfiguration.class)
            .withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class))
            .withBean(StorageProperties.class, () -> new StorageProperties(Path.of("jobs"), Path.of("results"),
                    java.time.Duration.ofDays(7)))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("stride.rtsp.embedded.port=0", "stride.rtsp.embedded.bind-host=127.0.0.1",
                    "stride.rtsp.embedded.publisher-wait=0s", "stride.rtsp.replay-finished=false");

    @Test
    void withAKeyPlayersNeedTheTasksTokenAndOnlyTheServicesSecretPublishes() {
        context.withPropertyValues("stride.security.api-key=s3cret").run(ctx -> {
            int port = ctx.getBean(RtspServer.class).port();
            String task = TopicNames.newTaskId();
            String secret = ctx.getBean(PublisherSecret.class).value();

            assertThat(ctx.getBean(PublishUrls.class).of(task)).endsWith("/" + task + "?token=" + secret)
                    .doesNotContain("s3cret");
            assertThat(describeStatus(port, "/" + task)).isEqualTo("RTSP/1.0 401 Unauthorized");
            String token = ctx.getBean(AccessPolicy.class).tokenFor(task).orElseThrow();
            // Authorised, then told nobody publishes the task.
            assertThat(describeStatus(port, "/" + task + "?token=" + token)).isEqualTo("RTSP/1.0 404 Not Found");
            assertThat(announceStatus(port, "/" + task + "?token=" + token)).as("a reader's token does not publish")
                    .isEqualTo("RTSP/1.0 403 Forbidden");
            assertThat(announceStatus(port, "/" + task)).isEqualTo("RTSP/1.0 401 Unauthorized");
            assertThat(announceStatus(port, "/" + task + "?token=" + secret)).isEqualTo("RTSP/1.0 200 OK");
        });
    }

    @Test
    void withoutAKeyAnybodyWatchesButOnlyTheServicesSecretPublishes() {
        context.run(ctx -> {
            int port = ctx.getBean(RtspServer.class).port();
            String task = TopicNames.newTaskId();
            String secret = ctx.getBean(PublisherSecret.class).value();

            assertThat(ctx.getBean(PublishUrls.class).of(task))
                    .isEqualTo("rtsp://localhost:8554/" + task + "?token=" + secret);
            assertThat(describeStatus(port, "/" + task)).isEqualTo("RTSP/1.0 404 Not Found");
            assertThat(announceStatus(port, "/" + task)).isEqualTo("RTSP/1.0 403 Forbidden");
            assertThat(announceStatus(port, "/" + task + "?token=" + secret)).isEqualTo("RTSP/1.0 200 OK");
        });
    }

    @Test
    void theCapsReachTheEmbeddedServer() {
        context.withPropertyValues("stride.rtsp.embedded.max-replays=2", "stride.rtsp.embedded.request-timeout=3s")
                .run(ctx -> {
                    var embedded = ctx.getBean(RtspProperties.class).embedded();
                    assertThat(embedded.serverSettings().maxOnDemandPublishers()).isEqualTo(2);
                    assertThat(embedded.serverSettings().requestTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(embedded.serverSettings().maxConnections()).isEqualTo(256);
                });
    }

    private static String describeStatus(int port, String pathAndQuery) throws IOException {
        return statusOf(port, "DESCRIBE rtsp://127.0.0.1:" + port + pathAndQuery + " RTSP/1.0\r\nCSeq: 1\r\n\r\n");
    }

    private static String announceStatus(int port, String pathAndQuery) throws IOException {
        String sdp = "v=0\r\ns=-\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n";
        return statusOf(port, "ANNOUNCE rtsp://127.0.0.1:" + port + pathAndQuery + " RTSP/1.0\r\nCSeq: 1\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp);
    }

    private static String statusOf(int port, String request) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            var reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            return reply.readLine();
        }
    }
}
