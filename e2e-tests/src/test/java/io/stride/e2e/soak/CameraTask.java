package io.stride.e2e.soak;

import io.stride.core.testing.StrideClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A camera task of the soaks: created with {@code POST /streams} (with one counting line, so that the analytics
 * run too), followed through {@code GET /status/{id}}.
 *
 * @param id        the task's id
 * @param streamUrl where the annotated picture is restreamed
 */
record CameraTask(String id, String streamUrl) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration LIVE_TIMEOUT = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 500;

    /** Creates the task for {@code url}; a vertical line through the middle of a {@code width}-wide picture. */
    static CameraTask create(StrideClient client, String url, String name, int width, int height) {
        ObjectNode body = JSON.createObjectNode().put("url", url).put("name", name);
        ObjectNode line = body.putObject("options").putArray("lines").addObject().put("name", "middle");
        line.putArray("from").add(width / 2).add(0);
        line.putArray("to").add(width / 2).add(height);
        HttpResponse<String> created = client.post("/streams", body.toString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("POST /streams answered " + created.statusCode() + ": " + created.body());
        }
        JsonNode answer = JSON.readTree(created.body());
        return new CameraTask(answer.get("task_id").asString(), answer.get("stream_url").asString());
    }

    JsonNode status(StrideClient client) {
        HttpResponse<String> status = client.get("/status/" + id);
        if (status.statusCode() != 200) {
            throw new IllegalStateException("GET /status/" + id + " answered " + status.statusCode() + ": "
                    + status.body());
        }
        return JSON.readTree(status.body());
    }

    /** Waits until the camera is {@code live}; fails if it fails or takes longer than two minutes. */
    JsonNode awaitLive(StrideClient client) throws InterruptedException {
        long deadline = System.nanoTime() + LIVE_TIMEOUT.toNanos();
        while (true) {
            JsonNode status = status(client);
            String now = status.path("status").asString("");
            if (now.equals("live")) {
                return status;
            }
            if (now.equals("failed") || System.nanoTime() > deadline) {
                throw new IllegalStateException("camera " + id + " not live: " + status);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
