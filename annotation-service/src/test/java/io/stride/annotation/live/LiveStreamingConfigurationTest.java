package io.stride.annotation.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.core.result.StorageProperties;
import io.stride.core.topic.TopicNames;
import io.stride.rtsp.RtspServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code stride.security.api-key} reaches the embedded RTSP server and the service's publish URLs. */
class LiveStreamingConfigurationTest {

    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(LiveStreamingConfiguration.class)
            .withBean(StorageProperties.class, () -> new StorageProperties(Path.of("jobs"), Path.of("results"),
                    java.time.Duration.ofDays(7)))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("stride.rtsp.embedded.port=0", "stride.rtsp.embedded.bind-host=127.0.0.1",
                    "stride.rtsp.embedded.publisher-wait=0s", "stride.rtsp.replay-finished=false");

    @Test
    void withAKeyTheEmbeddedServerAsksForItAndTheServicePublishesWithIt() {
        context.withPropertyValues("stride.security.api-key=s3cret").run(ctx -> {
            int port = ctx.getBean(RtspServer.class).port();
            String task = TopicNames.newTaskId();

            assertThat(ctx.getBean(PublishUrls.class).of(task)).endsWith("/" + task + "?api_key=s3cret");
            assertThat(describeStatus(port, "/" + task)).isEqualTo("RTSP/1.0 401 Unauthorized");
            // Authorised, then told nobody publishes the task.
            assertThat(describeStatus(port, "/" + task + "?api_key=s3cret")).isEqualTo("RTSP/1.0 404 Not Found");
        });
    }

    @Test
    void withoutAKeyNothingChanges() {
        context.run(ctx -> {
            int port = ctx.getBean(RtspServer.class).port();
            String task = TopicNames.newTaskId();

            assertThat(ctx.getBean(PublishUrls.class).of(task)).isEqualTo("rtsp://localhost:8554/" + task);
            assertThat(describeStatus(port, "/" + task)).isEqualTo("RTSP/1.0 404 Not Found");
        });
    }

    private static String describeStatus(int port, String pathAndQuery) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            String request = "DESCRIBE rtsp://127.0.0.1:" + port + pathAndQuery + " RTSP/1.0\r\nCSeq: 1\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            var reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            return reply.readLine();
        }
    }
}
