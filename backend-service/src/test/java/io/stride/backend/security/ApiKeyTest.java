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

/** A backend with {@code stride.security.api-key} set, over real HTTP against a real broker. */
class ApiKeyTest {

    private static final String KEY = "k3y-of the/test";
    private static final String KEY_IN_QUERY = "k3y-of%20the%2Ftest";

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
    void withoutTheKeyOrWithAWrongOneTheApiAnswers401WithAJsonBody() {
        HttpResponse<String> missing = get("/tasks", null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(missing.body()).isEqualTo("{\"status\":401,\"error\":\"Unauthorized\",\"message\":\"this server "
                + "requires an API key: send it in the X-API-Key header or the api_key query parameter\"}");

        HttpResponse<String> wrong = get("/status/" + UUID.randomUUID(), "not the key");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("\"message\":\"the API key is wrong\"");

        assertThat(backend.client().upload("file", "clip.mp4", new byte[] {1}).statusCode()).isEqualTo(401);
        assertThat(get("/tasks?api_key=wrong", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theKeyInTheHeaderOrInTheQueryOpensTheApi() {
        assertThat(get("/tasks", KEY).statusCode()).isEqualTo(200);
        assertThat(get("/tasks?api_key=" + KEY_IN_QUERY, null).statusCode()).isEqualTo(200);
        assertThat(get("/config.json?api_key=" + KEY_IN_QUERY, null).statusCode()).isEqualTo(200);
    }

    @Test
    void healthMetricsAndThePageNeedNoKey() {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(200);
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
    }

    @Test
    void theStreamUrlOfATaskCarriesTheKeyForPlayers() throws IOException {
        byte[] clip = Files.readAllBytes(SharedData.video(SharedData.MMPOSE_DEMO));
        String boundary = "stride-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip.mp4\""
                + "\r\nContent-Type: video/mp4\r\n\r\n").getBytes();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        byte[] body = new byte[head.length + clip.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(clip, 0, body, head.length, clip.length);
        System.arraycopy(tail, 0, body, head.length + clip.length, tail.length);

        HttpResponse<String> upload = backend.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/upload"))
                .header(ApiKey.HEADER, KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        var answer = Backend.JSON.readTree(upload.body());
        String taskId = answer.get("task_id").asText();
        assertThat(answer.get("stream_url").asText())
                .isEqualTo("rtsp://localhost:8554/" + taskId + "?api_key=" + KEY_IN_QUERY);
        assertThat(Backend.JSON.readTree(get("/tasks/" + taskId, KEY).body()).get("stream_url").asText())
                .isEqualTo(answer.get("stream_url").asText());
        assertThat(backend.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/tasks/" + taskId))
                .header(ApiKey.HEADER, KEY).DELETE()).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String path, String key) {
        var request = HttpRequest.newBuilder(URI.create(backend.baseUrl() + path)).GET();
        if (key != null) {
            request.header(ApiKey.HEADER, key);
        }
        return backend.send(request);
    }
}
