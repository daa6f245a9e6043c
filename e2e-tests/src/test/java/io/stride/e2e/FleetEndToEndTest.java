package io.stride.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.testing.SharedData;
import io.stride.core.testing.StrideClient;
import io.stride.core.topic.TopicNames;
import io.stride.rtmpose.testing.ExactAnswerPoseModel;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
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
    private static final String WEBHOOK_SECRET = "e2e-webhook-secret-0123456789";
    /** Short, so that the two refused attempts of the first event cost a fraction of a second. */
    private static final String WEBHOOK_BACKOFF = "200ms";
    private static final int WEBHOOK_FAILURES = 2;
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LIVE_POLL = Duration.ofMillis(300);
    /** Where people-walking's people walk: across the middle, along the floor, and an area in front. */
    private static final List<Recount.Line> LINES = List.of(
            new Recount.Line("middle", 640, 0, 640, 720), new Recount.Line("floor", 100, 560, 1180, 560));
    private static final List<Recount.Zone> ZONES = List.of(new Recount.Zone("front",
            new double[][] {{400, 450}, {880, 450}, {880, 700}, {400, 700}}));
    /** AnalyticsPainter.LINE_COLOUR (BGR 0, 200, 255) as RGB. */
    private static final int[] LINE_RGB = {255, 200, 0};
    /** Per channel, what H.264 (4:2:0 chroma) may change of a 2-pixel line's colour. */
    private static final int COLOUR_TOLERANCE = 60;

    @TempDir
    static Path dataDir;

    private static Fleet fleet;

    @BeforeAll
    static void startFleet() throws Exception {
        Path poseModel = ExactAnswerPoseModel.write(dataDir.resolve("exact-pose.onnx"), 192, 256);
        fleet = new Fleet(dataDir, SharedData.model(SharedData.YOLOX_NANO), poseModel,
                "--stride.webhooks.allow-private-addresses=true", "--stride.webhooks.secret=" + WEBHOOK_SECRET,
                "--stride.webhooks.initial-backoff=" + WEBHOOK_BACKOFF);
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

    /**
     * Issue 17's live parts through the fleet: two lines and a zone counted while the task runs, on the topic, to a
     * webhook that refuses its first two attempts, and at the end; all equal to a recount written here
     * ({@link Recount}) from the exported JSON Lines.
     */
    @Test
    void linesAndAZoneAreCountedLiveOnTheTopicAndAtTheWebhookAsTheExportedTracksCount() throws Exception {
        StrideClient client = fleet.client();
        try (WebhookReceiver receiver = WebhookReceiver.start(WEBHOOK_SECRET, WEBHOOK_FAILURES)) {
            HttpResponse<String> upload = client.upload(SharedData.video(SharedData.PEOPLE_WALKING),
                    Recount.options(LINES, ZONES, ",\"webhook\":\"" + receiver.url() + "\""));
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
            String taskId = JSON.readTree(upload.body()).get("task_id").asText();

            List<Recount.Totals> live = awaitCompletionReadingLiveAnalytics(client, taskId);

            HttpResponse<String> analytics = client.get("/result/" + taskId + "/analytics");
            assertThat(analytics.statusCode()).as(analytics.body()).isEqualTo(200);
            assertThat(analytics.headers().firstValue("X-Stride-Analytics")).contains("final");
            List<String> jsonLines = client.get("/result/" + taskId + "/annotations").body().lines().toList();
            assertThat(jsonLines).hasSize(CLIP_FRAMES);
            Recount.Result recount = Recount.count(taskId, jsonLines, LINES, ZONES);
            Recount.Totals totals = Recount.Totals.parse(analytics.body());
            System.out.printf("E2E: analytics of two lines and a zone: %s%n", analytics.body());
            assertThat(totals).as("the analytics as recounted from the JSON Lines").isEqualTo(recount.totals());
            List<JsonNode> events = client.get("/result/" + taskId + "/events").body().lines()
                    .map(JSON::readTree).toList();
            assertThat(events).as("/events as recounted").isEqualTo(recount.events());
            assertThat(events).extracting(e -> e.get("type").asText())
                    .as("the lines and the zone were used").contains("line_crossed", "zone_entered", "zone_exited");

            List<JsonNode> topic = AnalyticsTopic.eventsOf(fleet.broker().kafkaClients(), taskId);
            assertThat(topic).as("stride_analytics_events: each event once, in order, with its running counts")
                    .isEqualTo(recount.liveEvents());
            assertThat(topic.stream().map(Recount::withoutTopicFields).toList()).isEqualTo(events);

            System.out.printf("E2E: %d live analytics answers while the task ran, the last %s%n", live.size(),
                    live.isEmpty() ? "-" : live.get(live.size() - 1));
            assertThat(live).as("answers with X-Stride-Analytics: live while the task ran").isNotEmpty()
                    .allSatisfy(counts -> assertThat(counts.noCountAbove(totals)).as("%s within %s", counts, totals)
                            .isTrue());

            assertWebhookDeliveredEachEventOnce(client, receiver, taskId, topic);
            assertLinesDrawn(client, taskId, events);
        }
    }

    /** Polls /status and /result/{id}/analytics until the task completes; returns the live answers. */
    private static List<Recount.Totals> awaitCompletionReadingLiveAnalytics(StrideClient client, String taskId)
            throws Exception {
        List<Recount.Totals> live = new ArrayList<>();
        long deadline = System.nanoTime() + TASK_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String state = JSON.readTree(client.get("/status/" + taskId).body()).get("status").asText();
            assertThat(state).isIn("queued", "running", "completed");
            if (state.equals("completed")) {
                return live;
            }
            HttpResponse<String> analytics = client.get("/result/" + taskId + "/analytics");
            if (analytics.statusCode() == 200
                    && analytics.headers().firstValue("X-Stride-Analytics").orElse("").equals("live")) {
                live.add(Recount.Totals.parse(analytics.body()));
            } else {
                assertThat(analytics.statusCode()).as("analytics while running: %s", analytics.body()).isIn(200, 409);
            }
            Thread.sleep(LIVE_POLL.toMillis());
        }
        throw new AssertionError("task " + taskId + " did not complete within " + TASK_TIMEOUT);
    }

    /**
     * Every event of the topic reached the receiver once answered 200 (no id twice), in order, each attempt signed;
     * the first after two 500s; then the task's end. The task's delivery log says the same.
     */
    private static void assertWebhookDeliveredEachEventOnce(StrideClient client, WebhookReceiver receiver,
                                                            String taskId, List<JsonNode> topic) throws Exception {
        String completed = taskId + ":completed";
        receiver.awaitDelivered(completed, WEBHOOK_TIMEOUT);
        List<WebhookReceiver.Request> requests = receiver.requests();
        List<String> eventIds = new ArrayList<>(topic.stream().map(e -> e.get("event_id").asText()).toList());
        eventIds.add(completed);
        List<String> attempts = new ArrayList<>();
        for (int i = 0; i < WEBHOOK_FAILURES; i++) {
            attempts.add(eventIds.get(0));
        }
        attempts.addAll(eventIds);
        System.out.printf("E2E: webhook got %d requests for %d events%n", requests.size(), eventIds.size());
        assertThat(requests).extracting(WebhookReceiver.Request::eventId)
                .as("X-Stride-Event-Id of every request, in order: the first event three times").isEqualTo(attempts);
        assertThat(requests).allSatisfy(r -> assertThat(r.signatureValid()).as("signature of %s", r.eventId())
                .isTrue());
        assertThat(requests.subList(0, WEBHOOK_FAILURES)).extracting(WebhookReceiver.Request::answered)
                .containsOnly(500);
        List<WebhookReceiver.Request> delivered = requests.subList(WEBHOOK_FAILURES, requests.size());
        assertThat(delivered).extracting(WebhookReceiver.Request::answered).containsOnly(200);
        assertThat(delivered.subList(0, topic.size())).extracting(r -> JSON.readTree(r.body()))
                .as("bodies as on the topic").isEqualTo(topic);
        JsonNode end = JSON.readTree(delivered.get(delivered.size() - 1).body());
        assertThat(end.get("type").asText()).isEqualTo("task_completed");
        assertThat(end.get("status").asText()).isEqualTo("completed");
        assertThat(end.get("frames").asInt()).isEqualTo(CLIP_FRAMES);

        JsonNode log = awaitWebhookLogDelivered(client, taskId, completed);
        List<JsonNode> deliveries = log.get("deliveries").valueStream().toList();
        assertThat(log.get("dropped").asInt()).isZero();
        assertThat(deliveries).extracting(d -> d.get("event_id").asText()).isEqualTo(eventIds);
        assertThat(deliveries).extracting(d -> d.get("status").asText()).containsOnly("delivered");
        assertThat(deliveries).extracting(d -> d.get("last_status_code").asInt()).containsOnly(200);
        assertThat(deliveries).extracting(d -> d.get("attempts").asInt())
                .as("attempts: the first event's two refusals").startsWith(WEBHOOK_FAILURES + 1)
                .containsOnlyOnce(WEBHOOK_FAILURES + 1).containsOnly(WEBHOOK_FAILURES + 1, 1);
    }

    private static JsonNode awaitWebhookLogDelivered(StrideClient client, String taskId, String lastEventId)
            throws InterruptedException {
        long deadline = System.nanoTime() + WEBHOOK_TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> response = client.get("/tasks/" + taskId + "/webhooks");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode log = JSON.readTree(response.body());
            List<JsonNode> deliveries = log.get("deliveries").valueStream().toList();
            JsonNode last = deliveries.isEmpty() ? null : deliveries.get(deliveries.size() - 1);
            if (last != null && last.get("event_id").asText().equals(lastEventId)
                    && last.get("status").asText().equals("delivered")) {
                return log;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("webhook log of " + taskId + " after " + WEBHOOK_TIMEOUT + ": " + log);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Saves the MP4's frame of the first crossing as {@code target/analytics-frame-<n>.png} for a person to look at,
     * and checks the two lines are drawn there in the painter's amber: along each, nearly every sample has an amber
     * pixel within two pixels across the line.
     */
    private static void assertLinesDrawn(StrideClient client, String taskId, List<JsonNode> events) throws Exception {
        int frame = events.stream().filter(e -> e.get("type").asText().equals("line_crossed")).findFirst()
                .orElseThrow().get("frame").asInt();
        HttpResponse<byte[]> video = client.getBytes("/result/" + taskId, null);
        Path mp4 = dataDir.resolve(taskId + ".mp4");
        Files.write(mp4, video.body());
        BufferedImage image;
        try (var grabber = new FFmpegFrameGrabber(mp4.toFile()); var converter = new Java2DFrameConverter()) {
            grabber.start();
            for (int i = 0; i < frame; i++) {
                grabber.grabImage();
            }
            image = converter.getBufferedImage(grabber.grabImage());
        }
        Path png = Path.of("target", "analytics-frame-" + frame + ".png").toAbsolutePath();
        Files.createDirectories(png.getParent());
        ImageIO.write(image, "png", png.toFile());
        System.out.printf("E2E: frame %d of the annotated MP4 (first crossing) saved as %s; pixel (640, 300) is "
                + "#%06x%n", frame, png, image.getRGB(640, 300) & 0xffffff);
        for (Recount.Line line : LINES) {
            int samples = 0;
            int amber = 0;
            // From 10 % to 90 % of the line: clear of its tag at the start and its arrow in the middle's side.
            for (double t = 0.1; t <= 0.9; t += 0.02) {
                int x = (int) Math.round(line.ax() + t * (line.bx() - line.ax()));
                int y = (int) Math.round(line.ay() + t * (line.by() - line.ay()));
                samples++;
                amber += amberNear(image, x, y) ? 1 : 0;
            }
            assertThat(amber).as("samples of line %s with an amber pixel (frame saved as %s)", line.name(), png)
                    .isGreaterThanOrEqualTo(samples * 9 / 10);
        }
    }

    private static boolean amberNear(BufferedImage image, int x, int y) {
        for (int dx = -2; dx <= 2; dx++) {
            for (int dy = -2; dy <= 2; dy++) {
                int rgb = image.getRGB(x + dx, y + dy);
                int[] channels = {rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff};
                boolean close = true;
                for (int c = 0; c < 3; c++) {
                    close &= Math.abs(channels[c] - LINE_RGB[c]) <= COLOUR_TOLERANCE;
                }
                if (close) {
                    return true;
                }
            }
        }
        return false;
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
