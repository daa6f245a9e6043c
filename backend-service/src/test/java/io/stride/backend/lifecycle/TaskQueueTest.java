package io.stride.backend.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.Backend;
import io.stride.backend.testing.TaskEventsBroker;
import io.stride.core.task.TaskEvent;
import io.stride.core.testing.SharedData;
import io.stride.core.topic.Stage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The in-flight limit against a real broker with no stages running (the test plays the annotation stage by
 * publishing its events): uploads beyond the limit queue in FIFO order, beyond the queue's bound they are refused
 * with 503 and Retry-After, the queue survives a restart, and a slot frees when a task ends.
 */
class TaskQueueTest {

    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final TaskEventsBroker kafka = new TaskEventsBroker();

    @Test
    void uploadsBeyondTheLimitQueueInOrderSurviveARestartAndStartWhenASlotFrees() throws Exception {
        Path clip = SharedData.video(SharedData.MMPOSE_DEMO);
        String first;
        String second;
        String third;
        try (Backend backend = start()) {
            first = backend.upload(clip);
            JsonNode secondAnswer = Backend.JSON.readTree(backend.client().upload(clip).body());
            JsonNode thirdAnswer = Backend.JSON.readTree(backend.client().upload(clip).body());
            second = secondAnswer.get("task_id").asText();
            third = thirdAnswer.get("task_id").asText();

            assertThat(secondAnswer.get("status").asText()).isEqualTo("queued");
            assertThat(secondAnswer.get("queue_position").asInt()).isEqualTo(1);
            assertThat(thirdAnswer.get("queue_position").asInt()).isEqualTo(2);
            assertThat(backend.status(first).get("status").asText()).isEqualTo("running");
            assertThat(backend.status(first).has("queue_position")).isFalse();
            assertQueued(backend, second, 1);
            assertQueued(backend, third, 2);

            HttpResponse<String> refused = backend.client().upload(clip);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("7");
            assertThat(refused.body()).contains("\"status\":503").contains("\"message\":\"the backend is busy: 1 "
                    + "tasks are running and 2 are queued, the most it accepts; try again later\"");
            assertThat(backend.jobs()).hasSize(3); // the refused upload left no file
            assertThat(kafka.broker().topics()).contains(Stage.RAW_FRAMES.topic(first))
                    .filteredOn(topic -> topic.startsWith(Stage.RAW_FRAMES.topic(""))).hasSize(1);
        }

        try (Backend restarted = start()) {
            assertQueued(restarted, second, 1);
            assertQueued(restarted, third, 2);
            assertThat(restarted.status(first).get("status").asText()).isEqualTo("running");

            kafka.events().publishAndWait(TaskEvent.completed(first, "annotation", 5));
            restarted.awaitStatus(second, "running");
            assertQueued(restarted, third, 1);
            assertThat(kafka.broker().topics()).contains(Stage.RAW_FRAMES.topic(second))
                    .doesNotContain(Stage.RAW_FRAMES.topic(third));
            List<JsonNode> listed = List.copyOf(Backend.JSON.readTree(restarted.client().get("/tasks").body())
                    .valueStream().toList());
            assertThat(listed).filteredOn(task -> task.get("task_id").asText().equals(third))
                    .singleElement().satisfies(task -> assertThat(task.get("queue_position").asInt()).isEqualTo(1));

            assertThat(restarted.delete("/tasks/" + third).statusCode()).isEqualTo(200);
            assertThat(restarted.status(third).get("status").asText()).isEqualTo("cancelled");
            assertThat(restarted.jobs()).extracting(path -> path.getFileName().toString())
                    .doesNotContain(third + ".mp4");

            kafka.events().publishAndWait(TaskEvent.failed(second, "annotation", "the test ends it"));
            restarted.awaitStatus(second, "failed");
            String next = restarted.upload(clip);
            assertThat(restarted.status(next).get("status").asText()).as("a free slot, nobody waiting")
                    .isEqualTo("running");
        }
    }

    private static void assertQueued(Backend backend, String taskId, int position) {
        JsonNode status = backend.status(taskId);
        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("queued");
        assertThat(status.get("queue_position").asInt()).as(status.toString()).isEqualTo(position);
    }

    private static Backend start() {
        return kafka.startBackend(dataDir, "--stride.backend.max-tasks-in-flight=1",
                "--stride.backend.max-queued-tasks=2", "--stride.backend.queue-full-retry-after=7s");
    }
}
