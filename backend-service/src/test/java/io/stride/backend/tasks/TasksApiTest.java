package io.stride.backend.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stride.backend.BackendApplication;
import io.stride.backend.lifecycle.TaskDeletion;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import io.stride.core.testing.SharedData;
import io.stride.core.testing.StrideClient;
import io.stride.core.testing.TestBroker;
import io.stride.core.topic.TopicNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /tasks}, {@code DELETE /tasks/{id}}, the live-update stream, the MOTChallenge download, the page's
 * config and the OpenAPI description, against a real broker with no stages running: the test plays the stages
 * by publishing their events.
 */
class TasksApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PREVIEW = "http://preview.example:9999";

    @TempDir
    static Path dataDir;

    private static TestBroker broker;
    private static TaskEventPublisher events;
    private static ConfigurableApplicationContext backend;
    private static String baseUrl;
    private static StrideClient client;

    @BeforeAll
    static void start() {
        broker = new TestBroker();
        events = new TaskEventPublisher(broker.kafkaClients());
        backend = startBackend();
        baseUrl = baseUrl(backend);
        client = new StrideClient(baseUrl);
    }

    @AfterAll
    static void stop() {
        backend.close();
        events.close();
        broker.close();
    }

    @Test
    void theStreamSendsTheListThenEveryChangeOfATask() throws Exception {
        try (var stream = new EventStreamClient(baseUrl + "/tasks/events")) {
            stream.await(event -> event.name().equals("tasks"), WAIT);
            assertThat(stream.contentType()).startsWith("text/event-stream");

            String taskId = upload(SharedData.MMPOSE_DEMO);
            JsonNode started = json(stream.await(event -> isTask(event, taskId), WAIT).data());
            assertThat(started.get("file_name").asText()).isEqualTo(SharedData.MMPOSE_DEMO);
            assertThat(started.get("stream_url").asText()).isEqualTo("rtsp://localhost:8554/" + taskId);

            events.publishAndWait(TaskEvent.progress(taskId, "yolox", 4));
            events.publishAndWait(TaskEvent.progress(taskId, "annotation", 2));
            // The decoder's exact frame count and the stages' progress arrive in either order.
            JsonNode progressed = json(stream.await(event -> isTask(event, taskId)
                    && json(event.data()).get("frames_done").get("annotation").asLong() == 2
                    && json(event.data()).get("frames_exact").asBoolean(), WAIT).data());

            assertThat(progressed.get("status").asText()).isEqualTo("running");
            assertThat(progressed.get("frames_done").get("yolox").asLong()).isEqualTo(4);
            assertThat(progressed.get("frames").asLong()).isEqualTo(5);
            assertThat(progressed.get("progress").asInt()).isEqualTo(40);
        }
    }

    @Test
    void listsTasksNewestFirst() throws Exception {
        String older = upload(SharedData.MMPOSE_DEMO);
        String newer = upload(SharedData.MMPOSE_DEMO);

        List<String> listed = new ArrayList<>();
        json(client.get("/tasks").body()).forEach(task -> listed.add(task.get("task_id").asText()));

        assertThat(listed).containsSubsequence(newer, older);
        assertThat(listed.get(0)).isEqualTo(newer);
        JsonNode one = json(client.get("/tasks/" + older).body());
        assertThat(one.get("task_id").asText()).isEqualTo(older);
        assertThat(one.get("frames_done").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("yolox", "bytetrack", "rtmpose", "annotation");
    }

    @Test
    void deletingARunningTaskCancelsItAndRemovesItsTopicsAndUpload() throws Exception {
        String taskId = upload(SharedData.PEOPLE_WALKING);
        assertThat(broker.topics()).contains("raw_frames_" + taskId);

        HttpResponse<String> deleted = delete(taskId);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted.body()).get("status").asText()).isEqualTo("cancelled");
        assertThat(broker.topics()).noneMatch(topic -> topic.endsWith(taskId));
        assertThat(dataDir.resolve("jobs").resolve(taskId + ".mp4")).doesNotExist();
        assertThat(json(client.get("/status/" + taskId).body()).get("status").asText()).isEqualTo("cancelled");
        JsonNode listed = json(client.get("/tasks/" + taskId).body());
        assertThat(listed.get("status").asText()).isEqualTo("cancelled");
        assertThat(listed.get("error").asText()).isEqualTo(TaskDeletion.CANCEL_REASON);
    }

    @Test
    void deletingAFinishedTaskRemovesItsResultsAndItsListingForGood() throws Exception {
        String taskId = upload(SharedData.MMPOSE_DEMO);
        Path video = dataDir.resolve("results").resolve(taskId + ".mp4");
        Path annotations = dataDir.resolve("results").resolve(taskId + ".jsonl");
        Files.createDirectories(video.getParent());
        Files.write(video, new byte[] {0, 0, 0, 8, 'f', 't', 'y', 'p'});
        Files.writeString(annotations, """
                {"frame":0,"pts_us":0,"detections":[],"tracks":[{"track_id":2,"box":[10.5,20.0,30.5,60.0],"score":0.87,"class_id":0}],"poses":[]}
                {"frame":1,"pts_us":200000,"detections":[],"tracks":[],"poses":[]}
                """);
        events.publishAndWait(TaskEvent.completed(taskId, "annotation", 2));
        await().atMost(WAIT).until(() -> client.get("/status/" + taskId).body().contains("completed"));

        HttpResponse<String> tracks = client.get("/result/" + taskId + "/tracks.txt");
        assertThat(tracks.statusCode()).isEqualTo(200);
        assertThat(tracks.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(tracks.body()).isEqualTo("1,2,10.50,20.00,20.00,40.00,0.8700,-1,-1,-1\n");

        try (var stream = new EventStreamClient(baseUrl + "/tasks/events")) {
            stream.await(event -> event.name().equals("tasks"), WAIT);
            HttpResponse<String> deleted = delete(taskId);

            assertThat(deleted.statusCode()).isEqualTo(200);
            assertThat(json(deleted.body()).get("status").asText()).isEqualTo("deleted");
            assertThat(stream.await(event -> event.name().equals("removed"), WAIT).data()).isEqualTo(taskId);
        }
        assertThat(video).doesNotExist();
        assertThat(annotations).doesNotExist();
        assertThat(client.get("/tasks").body()).doesNotContain(taskId);
        assertRefused(client.get("/status/" + taskId), 404, "no task " + taskId);
        assertRefused(delete(taskId), 404, "no task " + taskId);

        // A backend started later replays the events topic: the deletion holds.
        String later = TopicNames.newTaskId();
        events.publishAndWait(TaskEvent.started(later, 1, "later.mp4"));
        ConfigurableApplicationContext restarted = startBackend();
        try (var stream = new EventStreamClient(baseUrl(restarted) + "/tasks/events")) {
            var again = new StrideClient(baseUrl(restarted));
            await().atMost(WAIT).until(() -> again.get("/tasks").body().contains(later));
            assertThat(again.get("/tasks").body()).doesNotContain(taskId);
            assertThat(again.get("/status/" + taskId).statusCode()).isEqualTo(404);
            stream.await(event -> event.name().equals("tasks"), WAIT);

            // An open page must not hold up a shutdown: graceful shutdown would wait 30 s for its stream.
            long closing = System.nanoTime();
            restarted.close();
            assertThat(stream.endsWithin(Duration.ofSeconds(5))).as("the stream ended").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(15));
        } finally {
            restarted.close();
        }
    }

    @Test
    void refusesWhatIsNotATask() throws Exception {
        assertRefused(delete("not-a-task"), 400, "not a task id (expected a lower-case UUID): not-a-task");
        String unknown = TopicNames.newTaskId();
        assertRefused(delete(unknown), 404, "no task " + unknown);
        assertRefused(client.get("/tasks/" + unknown), 404, "no task " + unknown);
        assertRefused(client.get("/result/" + unknown + "/tracks.txt"), 404, "no task " + unknown);
    }

    @Test
    void servesThePageAndTellsItWhereThePreviewIs() {
        HttpResponse<String> page = client.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("<input id=\"file-input\"").doesNotContain("http://", "https://");
        assertThat(client.get("/app.js").statusCode()).isEqualTo(200);
        assertThat(client.get("/app.css").statusCode()).isEqualTo(200);

        JsonNode config = json(client.get("/config.json").body());
        assertThat(config.get("preview_base_url").asText()).isEqualTo(PREVIEW);
    }

    @Test
    void documentsEveryEndpointAndItsErrors() {
        JsonNode api = json(client.get("/v3/api-docs").body());

        JsonNode paths = api.get("paths");
        assertThat(paths.propertyNames()).containsExactlyInAnyOrder("/upload", "/status/{taskId}",
                "/result/{taskId}", "/result/{taskId}/annotations", "/result/{taskId}/tracks.txt", "/tasks",
                "/tasks/{taskId}", "/tasks/events", "/config.json", "/services", "/tasks/{taskId}/analyses",
                "/tasks/{taskId}/analyses/{analysisId}", "/tasks/{taskId}/analyses/{analysisId}/events",
                "/tasks/{taskId}/evaluation", "/result/{taskId}/analytics", "/result/{taskId}/events",
                "/result/{taskId}/heatmap.png", "/result/{taskId}/segments", "/result/{taskId}/segments/{name}.mp4",
                "/result/{taskId}/segments/{name}.jsonl", "/tasks/{taskId}/webhooks", "/streams");
        List<String> undocumented = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operation.getValue().get("responses").properties().forEach(response -> {
                    int status = Integer.parseInt(response.getKey());
                    JsonNode json = response.getValue().path("content").path("application/json").path("schema");
                    if (status >= 400 && status != 416 && !json.path("$ref").asText().endsWith("/ApiError")) {
                        undocumented.add(operation.getKey() + " " + path.getKey() + " " + status);
                    }
                })));
        assertThat(undocumented).as("error answers without the ApiError body").isEmpty();
        assertThat(paths.get("/upload").get("post").get("responses").propertyNames())
                .contains("200", "400", "413", "415");
        assertThat(paths.get("/tasks/{taskId}").get("delete").get("responses").propertyNames())
                .contains("200", "400", "404");
        assertThat(api.get("components").get("schemas").get("ApiError").get("properties").propertyNames())
                .containsExactlyInAnyOrder("status", "error", "message");

        HttpResponse<String> ui = followingRedirects("/swagger-ui.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    private static boolean isTask(EventStreamClient.Event event, String taskId) {
        return event.name().equals("task") && json(event.data()).get("task_id").asText().equals(taskId);
    }

    private static String upload(String video) throws IOException {
        HttpResponse<String> response = client.upload(SharedData.video(video));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body()).get("task_id").asText();
    }

    private static HttpResponse<String> delete(String taskId) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/tasks/" + taskId))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> followingRedirects(String path) {
        try {
            return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = json(response.body());
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("message").asText()).isEqualTo(message);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static ConfigurableApplicationContext startBackend() {
        return new SpringApplicationBuilder(BackendApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--server.port=0",
                "--stride.backend.cleanup-delay=1h",
                // No stage runs, so no task ever ends: every upload of these tests must start rather than queue.
                "--stride.backend.max-tasks-in-flight=64",
                "--stride.web.preview-base-url=" + PREVIEW + "/",
                "--stride.storage.jobs-dir=" + dataDir.resolve("jobs"),
                "--stride.storage.results-dir=" + dataDir.resolve("results"));
    }

    private static String baseUrl(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
