package io.stride.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.testing.SharedData;
import io.stride.core.testing.StrideClient;
import io.stride.core.topic.TopicNames;
import io.stride.rtmpose.testing.ExactAnswerPoseModel;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's whole journey through the real fleet: upload a real clip, watch the status climb to 100 %,
 * download an MP4 with every frame, read per-frame results with tracked people and poses, and see the
 * task's topics and upload removed afterwards.
 */
class FleetEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(6);
    private static final int CLIP_FRAMES = 314;
    private static final int CLIP_WIDTH = 1280;
    private static final int CLIP_HEIGHT = 720;

    @TempDir
    static Path dataDir;

    private static Fleet fleet;

    @BeforeAll
    static void startFleet() throws Exception {
        Path poseModel = ExactAnswerPoseModel.write(dataDir.resolve("exact-pose.onnx"), 192, 256);
        fleet = new Fleet(dataDir, SharedData.model(SharedData.YOLOX_NANO), poseModel);
    }

    @AfterAll
    static void stopFleet() throws InterruptedException {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void realClipGoesThroughEveryStage() throws Exception {
        StrideClient client = fleet.client();
        long start = System.nanoTime();
        HttpResponse<String> upload = client.upload(SharedData.video(SharedData.PEOPLE_WALKING));

        assertThat(upload.statusCode()).isEqualTo(200);
        JsonNode accepted = JSON.readTree(upload.body());
        String taskId = accepted.get("task_id").asText();
        assertThat(TopicNames.isTaskId(taskId)).isTrue();
        assertThat(accepted.get("message").asText()).isEqualTo("Task started successfully.");
        String streamUrl = accepted.get("stream_url").asText();
        assertThat(streamUrl).isEqualTo("rtsp://localhost:" + fleet.rtspPort() + "/" + taskId);

        // Players while the task runs: one over TCP that leaves abruptly, one over UDP that joins later.
        CompletableFuture<StreamReading> leaver = CompletableFuture.supplyAsync(
                () -> StreamReading.read(streamUrl, "tcp", 20, 8));
        CompletableFuture<StreamReading> lateJoiner = CompletableFuture.supplyAsync(() -> {
            sleep(Duration.ofSeconds(8));
            return StreamReading.read(streamUrl, "udp", 10, 3);
        });

        List<Integer> progress = awaitCompletion(client, taskId);
        long completedAt = System.nanoTime();
        double seconds = (completedAt - start) / 1e9;
        System.out.printf("E2E: %d frames in %.1f s = %.1f fps; peak RSS MiB %s%n", CLIP_FRAMES, seconds,
                CLIP_FRAMES / seconds, fleet.peakRssMib());
        assertThat(progress).isSorted().last().isEqualTo(100);

        System.out.printf("E2E: upload to first live frame at a player: %.1f s%n",
                (leaver.get().firstFrameAt() - start) / 1e9);
        assertThat(leaver.get().firstFrameAt()).as("first live frame came while the task ran").isLessThan(completedAt);
        for (StreamReading reading : List.of(leaver.get(), lateJoiner.get())) {
            assertThat(reading.frames()).as("live frames over %s", reading.transport()).isGreaterThanOrEqualTo(10);
            assertThat(reading.width()).isEqualTo(CLIP_WIDTH);
            assertThat(reading.height()).isEqualTo(CLIP_HEIGHT);
        }
        // Once the live publisher has left, a player gets the finished task replayed from its MP4.
        StreamReading replay = StreamReading.read(streamUrl, "tcp", 30, 3);
        for (int attempt = 1; replay.frames() < 30 && attempt < 3; attempt++) {
            replay = StreamReading.read(streamUrl, "tcp", 30, 3);
        }
        assertThat(replay.frames()).as("frames of the replay after completion").isEqualTo(30);

        assertVideo(client, taskId);
        assertAnnotations(client, taskId);
        assertCleanedUp(taskId);
    }

    @Test
    void theUploadsOptionsChooseWhatIsTrackedAndItsLineIsCounted() throws Exception {
        StrideClient client = fleet.client();
        String line = "{\"name\":\"middle\",\"from\":[640,0],\"to\":[640,720]}";
        HttpResponse<String> upload = client.upload(SharedData.video(SharedData.PEOPLE_WALKING),
                "{\"classes\":[\"person\"],\"min_score\":0.5,\"pose\":false,\"lines\":[" + line + "]}");
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        String taskId = JSON.readTree(upload.body()).get("task_id").asText();

        awaitCompletion(client, taskId);

        List<JsonNode> frames = client.get("/result/" + taskId + "/annotations").body().lines()
                .map(JSON::readTree).toList();
        assertThat(frames).hasSize(CLIP_FRAMES);
        assertThat(frames).flatMap(frame -> frame.get("detections").valueStream().toList())
                .isNotEmpty()
                .allSatisfy(detection -> {
                    assertThat(detection.get("class_id").asInt()).isZero();
                    assertThat(detection.get("score").asDouble()).isGreaterThanOrEqualTo(0.5);
                });
        assertThat(frames).flatMap(frame -> frame.get("tracks").valueStream().toList()).isNotEmpty()
                .allSatisfy(track -> assertThat(track.get("class_id").asInt()).isZero());
        assertThat(frames).allSatisfy(frame -> assertThat(frame.get("poses").isEmpty()).as("poses off").isTrue());

        HttpResponse<String> analytics = client.get("/result/" + taskId + "/analytics");
        HttpResponse<String> analysis = client.post("/tasks/" + taskId + "/analyses", "{\"lines\":[" + line + "]}");
        assertThat(analysis.statusCode()).as(analysis.body()).isEqualTo(201);
        String analysisId = JSON.readTree(analysis.body()).get("analysis_id").asText();
        assertThat(analytics.statusCode()).isEqualTo(200);
        assertThat(analytics.body()).as("the upload's line counted as a later analysis of it counts it")
                .isEqualTo(client.get("/tasks/" + taskId + "/analyses/" + analysisId).body());
        System.out.printf("E2E: options task, line through the middle: %s%n", analytics.body());
    }

    private static List<Integer> awaitCompletion(StrideClient client, String taskId) throws Exception {
        List<Integer> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TASK_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = JSON.readTree(client.get("/status/" + taskId).body());
            assertThat(status.get("task_id").asText()).isEqualTo(taskId);
            assertThat(status.get("status").asText()).as("status %s", status).isIn("queued", "running", "completed");
            seen.add(Integer.parseInt(status.get("progress").asText().replace("%", "")));
            if (status.get("status").asText().equals("completed")) {
                return seen;
            }
            assertThat(client.get("/result/" + taskId).statusCode()).isEqualTo(404);
            Thread.sleep(500);
        }
        throw new AssertionError("task " + taskId + " did not complete within " + TASK_TIMEOUT + "; progress " + seen);
    }

    private static void assertVideo(StrideClient client, String taskId) throws Exception {
        HttpResponse<byte[]> video = client.getBytes("/result/" + taskId, null);
        assertThat(video.statusCode()).isEqualTo(200);
        assertThat(video.headers().firstValue("Content-Type")).contains("video/mp4");
        Path mp4 = dataDir.resolve("downloaded.mp4");
        Files.write(mp4, video.body());

        HttpResponse<byte[]> range = client.getBytes("/result/" + taskId, "bytes=100-199");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).containsExactly(java.util.Arrays.copyOfRange(video.body(), 100, 200));

        try (var grabber = new FFmpegFrameGrabber(mp4.toFile())) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(CLIP_WIDTH);
            assertThat(grabber.getImageHeight()).isEqualTo(CLIP_HEIGHT);
            assertThat(grabber.getVideoCodecName()).isEqualTo("h264");
            int frames = 0;
            while (grabber.grabImage() != null) {
                frames++;
            }
            assertThat(frames).isEqualTo(CLIP_FRAMES);
        }
    }

    private static void assertAnnotations(StrideClient client, String taskId) throws Exception {
        HttpResponse<String> response = client.get("/result/" + taskId + "/annotations");
        assertThat(response.statusCode()).isEqualTo(200);
        String[] lines = response.body().split("\n");
        assertThat(lines).hasSize(CLIP_FRAMES);

        Map<Integer, Integer> framesPerTrack = new HashMap<>();
        int framesWithPeople = 0;
        for (int i = 0; i < lines.length; i++) {
            JsonNode frame = JSON.readTree(lines[i]);
            assertThat(frame.get("frame").asInt()).isEqualTo(i);
            Map<Integer, JsonNode> boxes = new HashMap<>();
            for (JsonNode track : frame.get("tracks")) {
                if (track.get("class_id").asInt() == 0) {
                    boxes.put(track.get("track_id").asInt(), track.get("box"));
                    framesPerTrack.merge(track.get("track_id").asInt(), 1, Integer::sum);
                }
            }
            framesWithPeople += boxes.isEmpty() ? 0 : 1;
            assertThat(frame.get("poses")).hasSize(boxes.size());
            for (JsonNode pose : frame.get("poses")) {
                assertPoseInsideItsCrop(pose, boxes.get(pose.get("track_id").asInt()));
            }
        }
        assertThat(framesWithPeople).as("frames with a tracked person").isGreaterThan(CLIP_FRAMES * 9 / 10);
        int longestTrack = framesPerTrack.values().stream().max(Integer::compare).orElse(0);
        assertThat(longestTrack).as("frames of the longest-lived track id").isGreaterThan(CLIP_FRAMES / 2);
    }

    /**
     * The exact-answer pose model puts all 17 keypoints on the brightest pixel of the person's crop, which
     * is the track box padded by 1.25 at the model's 3:4 aspect ratio: every keypoint must fall inside it.
     */
    private static void assertPoseInsideItsCrop(JsonNode pose, JsonNode box) {
        assertThat(box).as("track of pose %s", pose).isNotNull();
        JsonNode keypoints = pose.get("keypoints");
        assertThat(keypoints).hasSize(ExactAnswerPoseModel.KEYPOINTS);
        double x1 = box.get(0).asDouble(), y1 = box.get(1).asDouble(), x2 = box.get(2).asDouble(), y2 = box.get(3).asDouble();
        double cx = (x1 + x2) / 2, cy = (y1 + y2) / 2;
        double w = (x2 - x1) * 1.25, h = (y2 - y1) * 1.25;
        if (w > h * 0.75) {
            h = w / 0.75;
        } else {
            w = h * 0.75;
        }
        for (JsonNode k : keypoints) {
            assertThat(k.get(0).asDouble()).isBetween(cx - w / 2 - 1, cx + w / 2 + 1);
            assertThat(k.get(1).asDouble()).isBetween(cy - h / 2 - 1, cy + h / 2 + 1);
            assertThat(k.get(0).asDouble()).isEqualTo(keypoints.get(0).get(0).asDouble());
            assertThat(k.get(1).asDouble()).isEqualTo(keypoints.get(0).get(1).asDouble());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertCleanedUp(String taskId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            boolean topicsGone = fleet.broker().topics().stream().noneMatch(t -> t.endsWith(taskId));
            if (topicsGone && !Files.exists(fleet.jobsDir().resolve(taskId + ".mp4"))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("topics or upload of task " + taskId + " still exist: "
                + fleet.broker().topics().stream().filter(t -> t.endsWith(taskId)).toList());
    }
}
