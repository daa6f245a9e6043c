package io.stride.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.BackendApplication;
import io.stride.core.testing.StrideClient;
import io.stride.core.testing.TestBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A backend process of a test: a Spring context on a random port, against a test broker and a data directory. */
public final class Backend implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ConfigurableApplicationContext context;
    private final StrideClient client;
    private final Path dataDir;

    private Backend(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
        this.client = new StrideClient("http://localhost:" + port());
    }

    /** {@code overrides} win over the defaults given here (cleanup after an hour: tests look at topics). */
    public static Backend start(TestBroker broker, Path dataDir, String... overrides) {
        return start(broker.bootstrapServers(), dataDir, overrides);
    }

    /** As {@link #start(TestBroker, Path, String...)}, with the broker at {@code bootstrapServers}. */
    public static Backend start(String bootstrapServers, Path dataDir, String... overrides) {
        // Defaults as properties, overrides as arguments: Spring binds a property given twice as arguments as a list.
        return new Backend(new SpringApplicationBuilder(BackendApplication.class)
                .properties("stride.backend.cleanup-delay=1h")
                .run(Stream.concat(Stream.of(
                        "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                        "--server.port=0",
                        "--stride.storage.jobs-dir=" + dataDir.resolve("jobs"),
                        "--stride.storage.results-dir=" + dataDir.resolve("results")), Stream.of(overrides))
                        .toArray(String[]::new)), dataDir);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public StrideClient client() {
        return client;
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** A request to {@code path} (from the root, with its query), for {@link #send} to make. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path));
    }

    /** A request the {@link StrideClient} does not make (other methods, headers). */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** As {@link #send(HttpRequest.Builder)}, for a body that is not text (an image, a video). */
    public HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code GET path} for a body that is not text, with the operator key {@code key} unless it is null. */
    public HttpResponse<byte[]> getBytes(String path, String key) {
        HttpRequest.Builder request = request(path);
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return sendForBytes(request);
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request.build(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The task id of an upload that must be accepted. */
    public String upload(Path video) throws IOException {
        var response = client.upload(video);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("task_id").asText();
    }

    public JsonNode status(String taskId) {
        return JSON.readTree(client.get("/status/" + taskId).body());
    }

    /** Waits until {@code /status} says {@code status}, and returns that answer. */
    public JsonNode awaitStatus(String taskId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode answer = status(taskId);
        while (!status.equals(answer.path("status").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answer = status(taskId);
        }
        assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo(status);
        return answer;
    }

    /** The files in the jobs directory: the uploads of running and queued tasks. */
    public List<Path> jobs() {
        Path jobs = dataDir.resolve("jobs");
        if (!Files.isDirectory(jobs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(jobs)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
