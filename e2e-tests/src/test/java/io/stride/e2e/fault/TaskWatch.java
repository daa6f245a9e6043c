package io.stride.e2e.fault;

import io.stride.core.testing.StrideClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Uploads and follows tasks through the backend's API, as a client polling {@code /status} does. */
final class TaskWatch {

    static final Set<String> ENDED = Set.of("completed", "failed", "cancelled");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int OK = 200;
    private static final int SERVICE_UNAVAILABLE = 503;

    private final StrideClient client;

    TaskWatch(StrideClient client) {
        this.client = client;
    }

    StrideClient client() {
        return client;
    }

    /** Uploads a clip and returns its task id; anything but 200 fails the test. */
    String upload(Path clip) throws Exception {
        HttpResponse<String> response = client.upload(clip);
        if (response.statusCode() != OK) {
            throw new AssertionError("upload answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("task_id").asText();
    }

    /** Uploads a clip with the task's {@code options} (JSON) and returns its task id; anything but 200 fails. */
    String upload(Path clip, String options) throws Exception {
        HttpResponse<String> response = client.upload(clip, options);
        if (response.statusCode() != OK) {
            throw new AssertionError("upload answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("task_id").asText();
    }

    /**
     * Uploads a clip as a well-behaved client does: a {@code 503} (the backend is receiving as many uploads as it
     * takes at once) is tried again after its {@code Retry-After}; anything else but 200 fails the test.
     *
     * @param busyAnswers counts the 503s met
     */
    String uploadWhenNotBusy(Path clip, AtomicInteger busyAnswers) throws Exception {
        while (true) {
            HttpResponse<String> response = client.upload(clip);
            if (response.statusCode() != SERVICE_UNAVAILABLE) {
                if (response.statusCode() != OK) {
                    throw new AssertionError("upload answered " + response.statusCode() + ": " + response.body());
                }
                return JSON.readTree(response.body()).get("task_id").asText();
            }
            busyAnswers.incrementAndGet();
            long retryAfter = response.headers().firstValue("Retry-After").map(Long::parseLong)
                    .orElseThrow(() -> new AssertionError("503 without Retry-After: " + response.body()));
            Thread.sleep(retryAfter * 1000);
        }
    }

    /** {@code GET /status/{id}}; anything but 200 fails the test. */
    JsonNode status(String taskId) {
        HttpResponse<String> response = client.get("/status/" + taskId);
        if (response.statusCode() != OK) {
            throw new AssertionError("GET /status/" + taskId + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** {@code GET /tasks/{id}}: the task with per-stage progress. */
    JsonNode view(String taskId) {
        return JSON.readTree(client.get("/tasks/" + taskId).body());
    }

    /**
     * Waits until the task's progress reaches {@code percent} and returns that status.
     *
     * @throws AssertionError when the task ends first or the time is up
     */
    JsonNode awaitProgress(String taskId, int percent, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = status(taskId);
        while (progress(status) < percent) {
            if (ENDED.contains(status.get("status").asText())) {
                throw new AssertionError("task ended before " + percent + " %: " + status);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("task not at " + percent + " % within " + timeout + ": " + status);
            }
            Thread.sleep(POLL.toMillis());
            status = status(taskId);
        }
        return status;
    }

    /**
     * Waits until the task has ended and returns its last status.
     *
     * @throws AssertionError when it has not ended within {@code timeout}
     */
    JsonNode awaitEnd(String taskId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = status(taskId);
        while (!ENDED.contains(status.get("status").asText())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("task still " + status.get("status").asText() + " after " + timeout + ": "
                        + status);
            }
            Thread.sleep(POLL.toMillis());
            status = status(taskId);
        }
        return status;
    }

    static int progress(JsonNode status) {
        return Integer.parseInt(status.get("progress").asText().replace("%", ""));
    }

    static String state(JsonNode status) {
        return status.get("status").asText();
    }
}
