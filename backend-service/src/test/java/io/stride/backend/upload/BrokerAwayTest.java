package io.stride.backend.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.Backend;
import io.stride.backend.testing.TcpForwarder;
import io.stride.core.testing.SharedData;
import io.stride.core.testing.TestBroker;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend started while the broker is away: it comes up not ready, refuses uploads at once with 503 naming Kafka
 * and storing nothing, and once the broker is reachable it becomes ready and takes uploads, without a restart.
 */
class BrokerAwayTest {

    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(30);
    private static final Duration READY_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void aBackendStartedBeforeTheBrokerRefusesUploadsClearlyAndWorksOnceTheBrokerIsThere() throws Exception {
        Path clip = SharedData.video(SharedData.PEOPLE_WALKING);
        try (TestBroker broker = new TestBroker();
             TcpForwarder brokerAddress = new TcpForwarder(port(broker.bootstrapServers()))) {
            long startedAt = System.nanoTime();
            try (Backend backend = Backend.start("localhost:" + brokerAddress.port(), dataDir,
                    "--stride.health.kafka-check-interval=500ms", "--stride.health.kafka-timeout=2s")) {
                assertThat(since(startedAt)).as("start-up with the broker away").isLessThan(ANSWER_LIMIT);
                assertThat(readiness(backend).statusCode()).isEqualTo(503);

                long uploadAt = System.nanoTime();
                HttpResponse<String> refused = backend.client().upload(clip);
                assertThat(since(uploadAt)).isLessThan(ANSWER_LIMIT);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).contains("15");
                assertThat(Backend.JSON.readTree(refused.body()).path("message").asText())
                        .startsWith("Kafka, the message broker, is unreachable").endsWith("nothing was stored, try again later");
                assertThat(backend.jobs()).as("nothing stored").isEmpty();

                brokerAddress.open();
                awaitReady(backend);
                String taskId = backend.upload(clip);
                assertThat(backend.awaitStatus(taskId, "running").path("task_id").asText()).isEqualTo(taskId);
            }
        }
    }

    private static HttpResponse<String> readiness(Backend backend) {
        return backend.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/actuator/health/readiness")));
    }

    private static void awaitReady(Backend backend) throws InterruptedException {
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        HttpResponse<String> answer = readiness(backend);
        while (answer.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = readiness(backend);
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static int port(String bootstrapServers) {
        return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
