package io.stride.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.Backend;
import io.stride.core.security.ApiKey;
import io.stride.core.testing.SharedData;
import io.stride.core.testing.TestBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A backend with an operator key, over real HTTP against a real broker: the key opens everything, a task's read
 * token reads that task and nothing else, and the key is never in what the API hands out.
 */
class AccessTest {

    private static final String KEY = "k3y-of the/test";

    @TempDir
    static Path dataDir;

    private static TestBroker broker;
    private static Backend backend;

    @BeforeAll
    static void start() {
        broker = new TestBroker();
        backend = Backend.start(broker, dataDir, "--stride.security.api-key=" + KEY);
    }

    @AfterAll
    static void stop() {
        backend.close();
        broker.close();
    }

    @Test
    void withoutACredentialOrWithAWrongOneTheApiAnswers401WithAJsonBody() {
        HttpResponse<String> missing = get("/tasks", null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(missing.body()).isEqualTo("{\"status\":401,\"error\":\"Unauthorized\",\"message\":\"this server "
                + "requires the operator key in the X-API-Key header, or a task's read token in the token query "
                + "parameter\"}");

        HttpResponse<String> wrong = get("/status/" + UUID.randomUUID(), "not the key");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("\"message\":\"the operator key or the task token is wrong or expired");

        assertThat(backend.client().upload("file", "clip.mp4", new byte[] {1}).statusCode()).isEqualTo(401);
        assertThat(postStream(null).statusCode()).as("a camera needs the key").isEqualTo(401);
        assertThat(postStream(KEY).statusCode()).as("the key lets the request through to its checks").isEqualTo(400);
        assertThat(get("/tasks?api_key=" + KEY.replace(" ", "%20").replace("/", "%2F"), null).statusCode())
                .as("the key in a URL is not accepted: URLs end up in logs and histories").isEqualTo(401);
    }

    /** A camera whose URL is refused (ftp), so that no source is ever read. */
    private static HttpResponse<String> postStream(String key) {
        var request = HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/streams"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"ftp://cam.example/x\"}"));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return backend.send(request);
    }

    @Test
    void aTasksWebhookLogNeedsACredential() {
        String taskId = UUID.randomUUID().toString();

        assertThat(get("/tasks/" + taskId + "/webhooks", null).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = get("/tasks/" + taskId + "/webhooks", KEY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Backend.JSON.readTree(unknown.body()).get("message").asText()).isEqualTo("no task " + taskId);
    }

    @Test
    void aTaskTokenReadsItsTaskAndNothingElse() throws IOException {
        JsonNode uploaded = upload();
        String taskId = uploaded.get("task_id").asText();
        String otherTask = upload().get("task_id").asText();
        JsonNode listed = Backend.JSON.readTree(get("/tasks/" + taskId, KEY).body());
        String token = listed.get("read_token").asText();

        assertThat(get("/status/" + taskId + "?token=" + token, null).statusCode()).isEqualTo(200);
        assertThat(get("/tasks/" + taskId + "?token=" + token, null).statusCode()).isEqualTo(200);
        assertThat(get("/status/" + otherTask + "?token=" + token, null).statusCode()).isEqualTo(401);
        assertThat(get("/tasks?token=" + token, null).statusCode()).isEqualTo(401);
        assertThat(get("/tasks/events?token=" + token, null).statusCode()).isEqualTo(401);
        HttpResponse<String> delete = backend.send(HttpRequest.newBuilder(
                URI.create(backend.baseUrl() + "/tasks/" + taskId + "?token=" + token)).DELETE());
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(delete.body()).contains("a task's read token only reads that task");
        assertThat(backend.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/upload?token=" + token))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--"))).statusCode()).isEqualTo(401);

        assertThat(uploaded.get("stream_url").asText()).startsWith("rtsp://localhost:8554/" + taskId + "?token=");
        assertThat(backend.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/tasks/" + taskId))
                .header(ApiKey.HEADER, KEY).DELETE()).statusCode()).isEqualTo(200);
    }

    @Test
    void theOperatorKeyIsInNothingTheApiHandsOut() throws IOException {
        String uploadAnswer = upload().toString();
        String escapedKey = KEY.replace("/", "\\/");
        for (String answer : new String[] {uploadAnswer, get("/tasks", KEY).body(), get("/", null).body(),
                get("/app.js", null).body(), get("/config.json", KEY).body()}) {
            assertThat(answer).doesNotContain(KEY).doesNotContain(escapedKey).doesNotContain("k3y-of");
        }
    }

    @Test
    void healthMetricsAndThePageNeedNoCredential() {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(200);
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
    }

    private static JsonNode upload() throws IOException {
        byte[] clip = Files.readAllBytes(SharedData.video(SharedData.MMPOSE_DEMO));
        String boundary = "stride-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip.mp4\""
                + "\r\nContent-Type: video/mp4\r\n\r\n").getBytes();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        byte[] body = new byte[head.length + clip.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(clip, 0, body, head.length, clip.length);
        System.arraycopy(tail, 0, body, head.length + clip.length, tail.length);

        HttpResponse<String> answer = backend.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/upload"))
                .header(ApiKey.HEADER, KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Backend.JSON.readTree(answer.body());
    }

    private static HttpResponse<String> get(String path, String key) {
        var request = HttpRequest.newBuilder(URI.create(backend.baseUrl() + path)).GET();
        if (key != null) {
            request.header(ApiKey.HEADER, key);
        }
        return backend.send(request);
    }
}
