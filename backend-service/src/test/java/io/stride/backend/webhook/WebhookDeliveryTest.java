package io.stride.backend.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stride.backend.testing.Backend;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import io.stride.core.testing.TestBroker;
import io.stride.core.topic.TopicNames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Webhook delivery against a real broker and a backend with no stages: the test publishes a task's events as the
 * annotation stage would, and a local HTTP server receives them, failing its first two requests.
 */
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "a test secret of some length";

    @TempDir
    static Path dataDir;

    private static TestBroker broker;
    private static TaskEventPublisher events;
    private static Producer<String, String> analytics;
    private static Backend backend;
    private static HttpServer receiver;
    private static final AtomicInteger requests = new AtomicInteger();
    private static final List<Received> accepted = new CopyOnWriteArrayList<>();

    record Received(String eventId, String signature, String contentType, String body) {
    }

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", WebhookDeliveryTest::receive);
        receiver.start();
        broker = new TestBroker();
        events = new TaskEventPublisher(broker.kafkaClients());
        analytics = broker.kafkaClients().eventProducer();
        backend = Backend.start(broker, dataDir, "--stride.webhooks.allow-private-addresses=true",
                "--stride.webhooks.secret=" + SECRET, "--stride.webhooks.initial-backoff=200ms");
    }

    @AfterAll
    static void stop() {
        backend.close();
        analytics.close();
        events.close();
        broker.close();
        receiver.stop(0);
    }

    /** A 500 first, then a connection closed without an answer, then 200 for everything. */
    private static void receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int number = requests.incrementAndGet();
        if (number == 1) {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
            return;
        }
        if (number == 2) {
            exchange.close(); // no status line: the client sees the connection end
            return;
        }
        accepted.add(new Received(exchange.getRequestHeaders().getFirst("X-Stride-Event-Id"),
                exchange.getRequestHeaders().getFirst("X-Stride-Signature"),
                exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8)));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    @Test
    void deliversEachEventOnceInOrderSignedThenTheTasksCompletion() throws Exception {
        String taskId = TopicNames.newTaskId();
        String webhook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?key=receivers-own";
        events.publishAndWait(TaskEvent.started(taskId, 10, "walk.mp4", "{\"webhook\":\"" + webhook + "\"}"));
        backend.awaitStatus(taskId, "running");
        String first = event(taskId, 3, 0, "line_crossed", "door");
        String second = event(taskId, 3, 1, "zone_entered", "queue");
        String third = event(taskId, 7, 0, "zone_exited", "queue");
        String fourth = event(taskId, 9, 0, "line_crossed", "door");

        // After a restart the stage publishes its last events again: the repeats are not sent twice.
        for (String json : List.of(first, second, third, second, third, fourth)) {
            analytics.send(new ProducerRecord<>(TopicNames.ANALYTICS_EVENTS, taskId, json)).get(10, TimeUnit.SECONDS);
        }
        events.publishAndWait(TaskEvent.completed(taskId, "annotation", 10));

        await().atMost(WAIT).until(() -> accepted.size() >= 5);
        Thread.sleep(500); // a repeat, if any, would come now
        assertThat(accepted).extracting(Received::eventId).containsExactly(taskId + ":3:0", taskId + ":3:1",
                taskId + ":7:0", taskId + ":9:0", taskId + ":completed");
        assertThat(accepted.subList(0, 4)).extracting(Received::body).containsExactly(first, second, third, fourth);
        var signature = new WebhookSignature(SECRET.getBytes(StandardCharsets.UTF_8));
        for (Received received : accepted) {
            assertThat(received.signature()).isEqualTo(signature.of(received.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(received.contentType()).isEqualTo("application/json");
        }
        JsonNode completed = Backend.JSON.readTree(accepted.get(4).body());
        assertThat(completed.get("type").asText()).isEqualTo("task_completed");
        assertThat(completed.get("task_id").asText()).isEqualTo(taskId);
        assertThat(completed.get("event_id").asText()).isEqualTo(taskId + ":completed");
        assertThat(completed.get("frames").asLong()).isEqualTo(10);
        assertThat(requests.get()).isEqualTo(7);

        JsonNode log = Backend.JSON.readTree(backend.client().get("/tasks/" + taskId + "/webhooks").body());
        assertThat(log.get("webhook").asText()).isEqualTo("http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/…");
        JsonNode deliveries = log.get("deliveries");
        assertThat(deliveries).hasSize(5);
        JsonNode retried = deliveries.get(0);
        assertThat(retried.get("event_id").asText()).isEqualTo(taskId + ":3:0");
        assertThat(retried.get("type").asText()).isEqualTo("line_crossed");
        assertThat(retried.get("attempts").asInt()).isEqualTo(3);
        assertThat(retried.get("status").asText()).isEqualTo("delivered");
        assertThat(retried.get("last_status_code").asInt()).isEqualTo(204);
        assertThat(retried.has("last_error")).isFalse();
        assertThat(retried.has("last_attempt_at")).isTrue();
        assertThat(deliveries).extracting(d -> d.get("attempts").asInt()).containsExactly(3, 1, 1, 1, 1);
        assertThat(deliveries).extracting(d -> d.get("type").asText()).containsExactly("line_crossed",
                "zone_entered", "zone_exited", "line_crossed", "task_completed");
        assertThat(log.toString()).doesNotContain("receivers-own");
    }

    private static String event(String taskId, long frame, int n, String type, String name) {
        return "{\"event_id\":\"" + taskId + ":" + frame + ":" + n + "\",\"task_id\":\"" + taskId + "\",\"frame\":"
                + frame + ",\"pts_us\":" + frame * 40_000 + ",\"type\":\"" + type + "\",\"name\":\"" + name
                + "\",\"track_id\":7,\"class_name\":\"person\"" + (type.equals("line_crossed")
                ? ",\"direction\":\"in\",\"counts\":{\"in\":1,\"out\":0}" : ",\"occupancy\":1") + "}";
    }
}
