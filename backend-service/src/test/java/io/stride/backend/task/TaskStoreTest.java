package io.stride.backend.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.Backend;
import io.stride.backend.testing.TaskEventsBroker;
import io.stride.core.task.TaskEvent;
import io.stride.core.testing.SharedData;
import io.stride.core.topic.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend's knowledge of tasks outlives the events topic: a restarted backend knows every task from the task
 * store even after every event expired, results expire after their retention (with the task's record), and results
 * that no task owns can be deleted. No stage runs; the annotation service's events are published by the test.
 */
class TaskStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @RegisterExtension
    static final TaskEventsBroker kafka = new TaskEventsBroker();

    @Test
    void aRestartedBackendKnowsEveryTaskAfterTheirEventsExpired() throws Exception {
        Path clip = SharedData.video(SharedData.PEOPLE_WALKING);
        String completed;
        String running;
        try (Backend backend = kafka.startBackend(dataDir)) {
            completed = backend.upload(clip);
            kafka.events().publishAndWait(TaskEvent.completed(completed, "annotation", 314));
            backend.awaitStatus(completed, "completed");
            running = backend.upload(clip);
            backend.awaitStatus(running, "running");
        }
        expireAllEvents();

        try (Backend backend = kafka.startBackend(dataDir)) {
            assertThat(backend.status(completed).path("status").asText()).isEqualTo("completed");
            assertThat(backend.status(completed).path("progress").asText()).isEqualTo("100%");
            assertThat(backend.status(running).path("status").asText()).isEqualTo("running");
        }
    }

    @Test
    void resultsPastTheirRetentionAreDeletedWithTheirTaskForGood() throws Exception {
        Path clip = SharedData.video(SharedData.PEOPLE_WALKING);
        Path results = dataDir.resolve("results");
        String[] retention = {"--stride.storage.results-retention=1h", "--stride.storage.results-retention-check=500ms"};
        String old;
        String recent;
        String oldOrphan = UUID.randomUUID().toString();
        String recentOrphan = UUID.randomUUID().toString();
        try (Backend backend = kafka.startBackend(dataDir, retention)) {
            old = backend.upload(clip);
            recent = backend.upload(clip);
            long twoHoursAgo = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
            kafka.events().publishAndWait(new TaskEvent(old, TaskEvent.Type.COMPLETED, "annotation", 314, 314, "",
                    twoHoursAgo));
            writeResults(results, old, Instant.now());
            kafka.events().publishAndWait(TaskEvent.completed(recent, "annotation", 314));
            writeResults(results, recent, Instant.now());
            writeResults(results, oldOrphan, Instant.now().minus(Duration.ofHours(2)));
            writeResults(results, recentOrphan, Instant.now());

            awaitGone(backend, old);
            awaitFileGone(results.resolve(oldOrphan + ".mp4"));
            assertThat(results.resolve(old + ".mp4")).doesNotExist();
            assertThat(results.resolve(old + ".jsonl")).doesNotExist();
            assertThat(backend.status(recent).path("status").asText()).isEqualTo("completed");
            assertThat(results.resolve(recent + ".mp4")).exists();
            assertThat(results.resolve(recentOrphan + ".mp4")).exists();
            assertThat(backend.delete("/tasks/" + recentOrphan).statusCode()).as("DELETE of results no task owns")
                    .isEqualTo(200);
            assertThat(results.resolve(recentOrphan + ".mp4")).doesNotExist();
        }
        try (Backend backend = kafka.startBackend(dataDir, retention)) {
            assertThat(backend.client().get("/status/" + old).statusCode()).as("after a restart").isEqualTo(404);
            assertThat(backend.status(recent).path("status").asText()).isEqualTo("completed");
        }
    }

    private static void writeResults(Path results, String taskId, Instant modified) throws Exception {
        Files.createDirectories(results);
        for (String suffix : List.of(".mp4", ".jsonl")) {
            Path file = results.resolve(taskId + suffix);
            Files.write(file, new byte[] {1});
            Files.setLastModifiedTime(file, FileTime.from(modified));
        }
    }

    private static void awaitGone(Backend backend, String taskId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (backend.client().get("/status/" + taskId).statusCode() != 404 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(backend.client().get("/status/" + taskId).statusCode()).isEqualTo(404);
    }

    private static void awaitFileGone(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(file).doesNotExist();
    }

    /** What the events topic's retention does to every event, however many there were. */
    private static void expireAllEvents() throws Exception {
        var partition = new TopicPartition(TopicNames.TASK_EVENTS, 0);
        String bootstrapServers = kafka.broker().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
            admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(end))).all().get();
        }
    }
}
