package io.stride.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.RawFrames;
import io.stride.backend.testing.TaskEventsBroker;
import io.stride.core.frame.FrameRecord;
import io.stride.core.task.TaskEvent;
import io.stride.core.testing.SharedData;
import io.stride.core.testing.StrideClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backend against a real broker with no stages running: the decoder stays a bounded number of frames
 * ahead of the annotation stage, status follows the events topic, a task cut off by a shutdown is resumed by the
 * next process after the last frame on its topic (or fails with a reason when its upload is gone), statuses
 * survive a restart, and an ended task is never revived.
 */
class TaskLifecycleTest {

    private static final int FRAMES_AHEAD = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final TaskEventsBroker kafka = new TaskEventsBroker();

    @Test
    void decoderWaitsForThePipelineAndAfterARestartResumesAfterTheLastPublishedFrame() throws Exception {
        String taskId;
        long publishedBeforeRestart;
        try (ConfigurableApplicationContext backend = startBackend()) {
            StrideClient client = client(backend);
            JsonNode accepted = JSON.readTree(client.upload(SharedData.video(SharedData.PEOPLE_WALKING)).body());
            taskId = accepted.get("task_id").asText();
            String tid = taskId;

            LongSupplier published = () -> RawFrames.count(kafka.broker(), tid);
            awaitValue(published, FRAMES_AHEAD);
            Thread.sleep(1000);
            assertThat(published.getAsLong()).as("frames published with nothing annotated").isEqualTo(FRAMES_AHEAD);

            kafka.events().publishAndWait(TaskEvent.progress(taskId, "annotation", 157));
            awaitValue(published, 157 + FRAMES_AHEAD);
            assertStatus(client, taskId, "running", "50%");
            publishedBeforeRestart = published.getAsLong();
        }

        // A new process against the same broker and jobs directory: the old one's producer is gone for good.
        try (ConfigurableApplicationContext restarted = startBackend()) {
            StrideClient client = client(restarted);
            assertStatus(client, taskId, "running", "50%");
            kafka.events().publishAndWait(TaskEvent.progress(taskId, "annotation", 314));

            List<FrameRecord> records = RawFrames.untilEndOfStream(kafka.broker(), taskId, Duration.ofSeconds(60));
            assertThat(records).hasSize(315);
            assertThat(records.subList(0, 314)).extracting(FrameRecord::frameIndex)
                    .containsExactlyElementsOf(LongStream.range(0, 314).boxed().toList());
            assertThat(records.get(314).isEndOfStream()).isTrue();
            assertThat(records.get(314).frameCount()).isEqualTo(314);
            assertThat(records.subList(0, 314)).extracting(FrameRecord::ptsMicros).as("decoded again alike")
                    .containsExactlyElementsOf(decodedTimestamps(SharedData.video(SharedData.PEOPLE_WALKING)));
            assertThat(publishedBeforeRestart).isBetween(1L + FRAMES_AHEAD, 313L);
            awaitFramesExact(client, taskId, 314);

            kafka.events().publishAndWait(TaskEvent.failed(taskId, "annotation", "the test ends it"));
            awaitStatus(client, taskId, "failed", "99%");
            kafka.events().publishAndWait(TaskEvent.progress(taskId, "annotation", 300));
            Thread.sleep(500);
            assertStatus(client, taskId, "failed", "99%");
        }
    }

    @Test
    void aRestartWhoseUploadIsGoneFailsTheTaskWithAReasonThatSaysSo() throws Exception {
        String taskId;
        try (ConfigurableApplicationContext backend = startBackend()) {
            StrideClient client = client(backend);
            taskId = JSON.readTree(client.upload(SharedData.video(SharedData.PEOPLE_WALKING)).body())
                    .get("task_id").asText();
            String tid = taskId;
            awaitValue(() -> RawFrames.count(kafka.broker(), tid), FRAMES_AHEAD);
        }
        Files.delete(dataDir.resolve("jobs").resolve(taskId + ".mp4"));

        try (ConfigurableApplicationContext restarted = startBackend()) {
            StrideClient client = client(restarted);
            awaitStatus(client, taskId, "failed", "0%");
            assertThat(JSON.readTree(client.get("/status/" + taskId).body()).get("error").asText()).isEqualTo(
                    "decoding stopped: the backend restarted while decoding this task and its upload is gone; "
                            + "upload the video again");
        }
    }

    @Test
    void aTaskWhoseStageIsDownFailsWithAReasonNamingTheStageAndLosesItsTopics() throws Exception {
        try (ConfigurableApplicationContext backend = startBackend(
                "--stride.backend.stall-timeout=3s", "--stride.backend.stall-check-interval=200ms",
                "--stride.backend.cleanup-delay=0s")) {
            StrideClient client = client(backend);
            String taskId = JSON.readTree(client.upload(SharedData.video(SharedData.MMPOSE_DEMO)).body())
                    .get("task_id").asText();

            awaitStatus(client, taskId, "failed", "0%");
            assertThat(JSON.readTree(client.get("/status/" + taskId).body()).get("error").asText())
                    .startsWith("no progress from yolox-service for ");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (kafka.broker().topics().stream().anyMatch(t -> t.endsWith(taskId)) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(kafka.broker().topics()).noneMatch(t -> t.endsWith(taskId));
        }
    }

    private static ConfigurableApplicationContext startBackend(String... overrides) {
        // Defaults first: Spring binds a property given twice on the command line as a list.
        return new SpringApplicationBuilder(BackendApplication.class)
                .properties("stride.backend.cleanup-delay=1h")
                .run(Stream.concat(Stream.of(
                        "--spring.kafka.bootstrap-servers=" + kafka.broker().bootstrapServers(),
                        "--server.port=0",
                        "--stride.backend.max-frames-ahead=" + FRAMES_AHEAD,
                        "--stride.storage.jobs-dir=" + dataDir.resolve("jobs"),
                        "--stride.storage.results-dir=" + dataDir.resolve("results")), Stream.of(overrides))
                        .toArray(String[]::new));
    }

    private static void awaitFramesExact(StrideClient client, String taskId, long frames) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode task = JSON.readTree(client.get("/tasks/" + taskId).body());
        while (!task.get("frames_exact").asBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            task = JSON.readTree(client.get("/tasks/" + taskId).body());
        }
        assertThat(task.get("frames_exact").asBoolean()).as(task.toString()).isTrue();
        assertThat(task.get("frames").asLong()).isEqualTo(frames);
    }

    private static List<Long> decodedTimestamps(Path video) throws Exception {
        List<Long> timestamps = new java.util.ArrayList<>();
        try (var grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            for (Frame frame = grabber.grabImage(); frame != null; frame = grabber.grabImage()) {
                timestamps.add(frame.timestamp);
            }
        }
        return timestamps;
    }

    private static StrideClient client(ConfigurableApplicationContext backend) {
        return new StrideClient("http://localhost:" + ((WebServerApplicationContext) backend).getWebServer().getPort());
    }

    private static void awaitValue(LongSupplier value, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (value.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(value.getAsLong()).isEqualTo(expected);
    }

    private static void awaitStatus(StrideClient client, String taskId, String status, String progress)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode node = JSON.readTree(client.get("/status/" + taskId).body());
            if (node.has("status") && node.get("status").asText().equals(status)
                    && node.get("progress").asText().equals(progress)) {
                return;
            }
            Thread.sleep(100);
        }
        assertStatus(client, taskId, status, progress);
    }

    private static void assertStatus(StrideClient client, String taskId, String status, String progress) {
        JsonNode node = JSON.readTree(client.get("/status/" + taskId).body());
        assertThat(node.get("status").asText()).isEqualTo(status);
        assertThat(node.get("progress").asText()).isEqualTo(progress);
    }
}
