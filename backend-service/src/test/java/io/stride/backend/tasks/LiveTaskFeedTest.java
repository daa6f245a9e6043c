package io.stride.backend.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.BackendApplication;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import io.stride.core.testing.TestBroker;
import io.stride.core.topic.TopicNames;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live-update stream under clients that do not behave: one that never reads must not hold up the updates of
 * one that does, and the number of clients is capped. A real broker; the test plays the stages' events.
 */
class LiveTaskFeedTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MAX_SUBSCRIBERS = 3;
    private static final int PROGRESS_EVENTS = 300;

    private static TestBroker broker;
    private static TaskEventPublisher events;
    private static ConfigurableApplicationContext backend;
    private static int port;

    @BeforeAll
    static void start() {
        broker = new TestBroker();
        events = new TaskEventPublisher(broker.kafkaClients());
        backend = new SpringApplicationBuilder(BackendApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--server.port=0",
                "--stride.web.update-interval=10ms",
                // Streams the tests closed are noticed at the next write; one each second frees their places.
                "--stride.web.heartbeat-interval=1s",
                "--stride.web.max-subscribers=" + MAX_SUBSCRIBERS,
                "--stride.web.subscriber-queue=16",
                "--stride.web.send-timeout=2s");
        port = ((WebServerApplicationContext) backend).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        backend.close();
        events.close();
        broker.close();
    }

    @Test
    void aClientThatNeverReadsIsDroppedWhileAnotherGetsEveryUpdate() throws Exception {
        String taskId = TopicNames.newTaskId();
        // Each update carries the name: large updates fill the socket buffers between the server and a client that
        // does not read within a few hundred of them, so the server's write to it blocks.
        events.publishAndWait(TaskEvent.started(taskId, PROGRESS_EVENTS, "x".repeat(64 * 1024) + ".mp4"));
        awaitFreePlaces();
        try (Socket stalled = neverReadingSubscriber();
             var reader = new EventStreamClient(url("/tasks/events"))) {
            reader.await(event -> event.name().equals("tasks"), WAIT);

            for (int frames = 1; frames <= PROGRESS_EVENTS; frames++) {
                events.publishAndWait(TaskEvent.progress(taskId, "yolox", frames));
            }

            reader.await(event -> event.name().equals("task") && framesDone(event, taskId) == PROGRESS_EVENTS, WAIT);
            assertThat(endsWithin(stalled, WAIT)).as("the client that never read was dropped").isTrue();
        }
    }

    @Test
    void analyticsEventsAreSentAsTheyAreReadEachOnce() throws Exception {
        String taskId = TopicNames.newTaskId();
        events.publishAndWait(TaskEvent.started(taskId, 10, "walk.mp4"));
        String crossed = "{\"event_id\":\"" + taskId + ":4:0\",\"task_id\":\"" + taskId + "\",\"frame\":4,"
                + "\"pts_us\":160000,\"type\":\"line_crossed\",\"name\":\"door\",\"track_id\":2,"
                + "\"class_name\":\"person\",\"direction\":\"in\",\"counts\":{\"in\":1,\"out\":0}}";
        String entered = "{\"event_id\":\"" + taskId + ":6:0\",\"task_id\":\"" + taskId + "\",\"frame\":6,"
                + "\"pts_us\":240000,\"type\":\"zone_entered\",\"name\":\"queue\",\"track_id\":2,"
                + "\"class_name\":\"person\",\"occupancy\":1}";
        awaitFreePlaces();
        try (var reader = new EventStreamClient(url("/tasks/events"));
             var producer = broker.kafkaClients().eventProducer()) {
            reader.await(event -> event.name().equals("tasks"), WAIT);

            for (String json : List.of(crossed, crossed, entered)) {
                producer.send(new ProducerRecord<>(TopicNames.ANALYTICS_EVENTS, taskId, json)).get();
            }

            assertThat(reader.await(event -> event.name().equals("analytics"), WAIT).data()).isEqualTo(crossed);
            assertThat(reader.await(event -> event.name().equals("analytics"), WAIT).data())
                    .as("the repeat is not sent").isEqualTo(entered);
        }
    }

    @Test
    void clientsBeyondTheLimitGet503WithRetryAfter() throws Exception {
        awaitFreePlaces();
        var streams = new java.util.ArrayList<EventStreamClient>();
        try {
            for (int i = 0; i < MAX_SUBSCRIBERS; i++) {
                var stream = new EventStreamClient(url("/tasks/events"));
                streams.add(stream);
                stream.await(event -> event.name().equals("tasks"), WAIT);
            }

            HttpResponse<String> refused = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url("/tasks/events"))).header("Accept", "text/event-stream")
                            .timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(JSON.readTree(refused.body()).get("message").asText())
                    .isEqualTo("live updates already go to 3 clients, the limit");
        } finally {
            streams.forEach(EventStreamClient::close);
        }
    }

    /** Until the streams of an earlier test are noticed gone, by the heartbeat. */
    private static void awaitFreePlaces() throws InterruptedException {
        Thread.sleep(2500);
    }

    private static long framesDone(EventStreamClient.Event event, String taskId) {
        var task = JSON.readTree(event.data());
        return task.get("task_id").asText().equals(taskId) ? task.get("frames_done").get("yolox").asLong() : -1;
    }

    /** Subscribes with the smallest receive window the system allows, and never reads a byte. */
    private static Socket neverReadingSubscriber() throws Exception {
        var socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("localhost", port));
        OutputStream out = socket.getOutputStream();
        // Without keep-alive, the end of the stream is the end of the connection.
        out.write(("GET /tasks/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Reads what the server had sent; true when it closed the stream within the timeout. */
    private static boolean endsWithin(Socket socket, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                if (System.nanoTime() > deadline) {
                    return false; // still streaming: the server kept it
                }
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset by the server
        }
    }

    private static String url(String path) {
        return "http://localhost:" + port + path;
    }
}
