package io.stride.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.analytics.Analysis;
import io.stride.core.analytics.AnalysisRequest;
import io.stride.core.analytics.AnalyticsJson;
import io.stride.core.analytics.AnalyticsResult;
import io.stride.core.analytics.CountingLine;
import io.stride.core.analytics.Point;
import io.stride.core.analytics.TrackedFrame;
import io.stride.core.testing.SharedData;
import io.stride.core.testing.StrideClient;
import io.stride.e2e.camera.LoopPublisher;
import io.stride.e2e.camera.Sighting;
import io.stride.e2e.camera.StampLatency;
import io.stride.e2e.camera.StampedLoop;
import io.stride.e2e.camera.StreamWatcher;
import io.stride.rtmpose.testing.ExactAnswerPoseModel;
import io.stride.rtsp.RtspServer;
import io.stride.rtsp.RtspServerSettings;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A live camera through the real fleet: FFmpeg publishes a stamped 720p clip, looped in real time, to an RTSP relay
 * in this JVM; {@code POST /streams} analyses it. A player on {@code stream_url} measures the source-to-stream
 * latency from the stamps; the source goes away for 20 s (placeholders on the stream, {@code reconnecting}, then
 * {@code live} again, no service restarted); stages are SIGKILLed and started again while the camera runs; the
 * stopped camera's rolling recordings play, cover every frame once and give the live analytics again; its topics
 * go. What was measured is printed with the prefix {@code CAMERA-E2E:} and written to
 * {@code target/camera-e2e.md}.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class CameraEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PREFIX = "CAMERA-E2E: ";
    private static final String SOURCE_PATH = "/pavement-cam";
    /** Two plays of the 10.5 s clip: a stamp comes back every 21 s, far beyond any latency allowed here. */
    private static final int LOOPS = 2;
    private static final Duration STALL = Duration.ofSeconds(3);
    private static final Duration SEGMENT = Duration.ofSeconds(10);
    private static final Duration SOURCE_AWAY = Duration.ofSeconds(20);
    private static final Duration LATENCY_WINDOW = Duration.ofSeconds(10);
    /** From the first picture on the stream to the settled latency window. */
    private static final Duration SETTLING = Duration.ofSeconds(15);
    /** The window lasts until the player has had this many stamped pictures, at least. */
    private static final int MIN_LATENCY_PICTURES = 10;
    /**
     * Generous on a shared 2-core machine; the table says what it was. Well under the stamps' period (21 s), which
     * a latency must be to be measured at all.
     */
    private static final double MAX_LATENCY_SECONDS = 5;
    /** The stall is noticed within the stall timeout; the rest is the status poll and a busy machine. */
    private static final Duration RECONNECTING_SLACK = Duration.ofSeconds(3);
    /** Stages SIGKILLed while the camera runs, alone or (in one entry) together. */
    private static final List<List<String>> KILLS = List.of(List.of("yolox"), List.of("bytetrack", "rtmpose"),
            List.of("annotation"));
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(100);
    /** A picture at least this grey (sampled pixels) is the "source unavailable" placeholder. */
    private static final double PLACEHOLDER_GREY_SHARE = 0.9;
    private static final int MIN_SEGMENTS = 3;
    /**
     * Placeholders a player gets at least in the last 15 s of the outage: they come at 2 fps, but not while a
     * connection attempt blocks (at most the stall timeout; the relay answers a path without a publisher late).
     */
    private static final int MIN_PLACEHOLDERS = 5;
    private static final CountingLine PAVEMENT = new CountingLine("pavement", new Point(0, 480), new Point(1280, 480));
    private static final String OPTIONS = "{\"classes\": [\"person\"], \"lines\": [{\"name\": \"pavement\", "
            + "\"from\": [0, 480], \"to\": [1280, 480]}]}";

    @TempDir
    static Path dataDir;

    private static StampedLoop.Clip clip;
    private static RtspServer relay;
    private static Fleet fleet;
    private static StrideClient client;
    private static final Map<String, String> MEASURED = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        CompletableFuture<StampedLoop.Clip> stamped = CompletableFuture.supplyAsync(() -> {
            try {
                return StampedLoop.write(SharedData.video(SharedData.PEOPLE_WALKING), LOOPS,
                        dataDir.resolve("stamped-loop.mp4"));
            } catch (Exception e) {
                throw new IllegalStateException("stamping the clip", e);
            }
        });
        relay = new RtspServer(RtspServerSettings.loopbackEphemeral());
        relay.start();
        Path poseModel = ExactAnswerPoseModel.write(dataDir.resolve("exact-pose.onnx"), 192, 256);
        fleet = new Fleet(dataDir, SharedData.model(SharedData.YOLOX_NANO), poseModel,
                "--stride.camera.stall-timeout=" + STALL.toSeconds() + "s",
                "--stride.camera.reconnect.initial=500ms",
                "--stride.camera.reconnect.max=2s",
                "--stride.annotation.recording.segment-duration=" + SEGMENT.toSeconds() + "s",
                // A killed stage's partitions go to its successor after this, not Kafka's 45 s.
                "--stride.kafka.session-timeout=6s");
        client = fleet.client();
        clip = stamped.get();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fleet != null) {
            fleet.close();
            keepLogs(fleet.logDir(), Path.of("target", "camera-e2e-logs"));
        }
        if (relay != null) {
            relay.close();
        }
        if (!MEASURED.isEmpty()) {
            StringBuilder table = new StringBuilder("| measured | value |\n|---|---|\n");
            MEASURED.forEach((what, value) -> table.append("| ").append(what).append(" | ").append(value)
                    .append(" |\n"));
            table.toString().lines().forEach(line -> System.out.println(PREFIX + line));
            Files.writeString(Path.of("target", "camera-e2e.md"), table.toString());
        }
    }

    /** The services' logs outlive the temporary directory, for a failure's or a number's explanation. */
    private static void keepLogs(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> logs = Files.list(from)) {
            for (Path log : logs.toList()) {
                Files.copy(log, to.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void aCameraRunsThroughOutagesAndStageKillsAndItsRecordingsAddUp() throws Exception {
        LoopPublisher publisher = LoopPublisher.start(clip.file(), relay, SOURCE_PATH);
        String sourceUrl = "rtsp://127.0.0.1:" + relay.port() + SOURCE_PATH;
        StreamWatcher source = StreamWatcher.watchKeyframes(sourceUrl, "source-reader");
        StreamWatcher player = null;
        try {
            HttpResponse<String> created = client.post("/streams", "{\"url\": \"" + sourceUrl
                    + "\", \"name\": \"pavement\", \"options\": " + OPTIONS + "}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode answer = JSON.readTree(created.body());
            String taskId = answer.get("task_id").asText();
            String streamUrl = answer.get("stream_url").asText();
            assertThat(streamUrl).isEqualTo("rtsp://localhost:" + fleet.rtspPort() + "/" + taskId);
            awaitStatus(taskId, "live");

            player = StreamWatcher.watch(streamUrl, "player");
            measureLatency(player, source);
            publisher = sourceGoesAwayAndComesBack(taskId, publisher, player);
            for (List<String> stages : KILLS) {
                killAndRestart(taskId, stages, player);
            }
            stopAndCheckRecordings(taskId);
        } finally {
            source.close();
            if (player != null) {
                player.close();
            }
            publisher.close();
        }
    }

    /**
     * Step 2: stamps decoded on {@code stream_url}, dated by the publisher's real-time clock, over the first
     * seconds of the stream (the ingest's connection probe and a cold pipeline still show) and over the same time
     * later, once settled: the bound is for that one.
     */
    private static void measureLatency(StreamWatcher player, StreamWatcher source) throws Exception {
        awaitTrue(() -> player.sightings().stream().anyMatch(Sighting::stamped), "a stamped picture on the stream");
        long first = player.sightings().stream().filter(Sighting::stamped).findFirst().orElseThrow().wallNanos();
        long settled = first + SETTLING.toNanos();
        awaitTrue(() -> System.nanoTime() - settled >= LATENCY_WINDOW.toNanos()
                && player.since(settled).stream().filter(Sighting::stamped).count() >= MIN_LATENCY_PICTURES,
                "a latency window with " + MIN_LATENCY_PICTURES + " stamped pictures");
        long settledEnd = System.nanoTime();
        source.close();
        latency("first", source, player, first, first + LATENCY_WINDOW.toNanos());
        StampLatency.Summary latency = latency("settled", source, player, settled, settledEnd);
        assertThat(latency.latenciesNanos()).hasSizeGreaterThanOrEqualTo(MIN_LATENCY_PICTURES);
        assertThat(latency.maxSeconds()).as("source-to-stream latency once settled, max")
                .isLessThan(MAX_LATENCY_SECONDS);
    }

    private static StampLatency.Summary latency(String which, StreamWatcher source, StreamWatcher player,
                                                long from, long until) {
        List<Sighting> played = player.since(from).stream().filter(s -> s.wallNanos() < until).toList();
        StampLatency.Summary latency = StampLatency.of(source.sightings(), played, clip.frames(), clip.fps());
        double seconds = (until - from) / 1e9;
        System.out.printf("%ssource-to-stream latency, %s %.1f s: median %.3f s, max %.3f s (%d pictures, "
                + "%.1f fps; source reader spread %.3f s)%n", PREFIX, which, seconds, latency.medianSeconds(),
                latency.maxSeconds(), latency.latenciesNanos().size(), played.size() / seconds,
                latency.sourceSpreadSeconds());
        MEASURED.put("source-to-stream latency, " + which + " %.0f s: median / max (s)".formatted(seconds),
                "%.3f / %.3f".formatted(latency.medianSeconds(), latency.maxSeconds()));
        MEASURED.put("stream rate, " + which + " %.0f s (fps; source %.2f)".formatted(seconds, clip.fps()),
                "%.1f".formatted(played.size() / seconds));
        return latency;
    }

    /** Step 3: the camera drops off for 20 s and comes back; the player stays on and sees the placeholder. */
    private static LoopPublisher sourceGoesAwayAndComesBack(String taskId, LoopPublisher publisher,
                                                            StreamWatcher player) throws Exception {
        Map<String, Long> pids = pids();
        int connection = player.connections();
        publisher.close();
        long awayAt = System.nanoTime();
        awaitStatus(taskId, "reconnecting");
        Duration noticed = Duration.ofNanos(System.nanoTime() - awayAt);
        MEASURED.put("source away → reconnecting (s)", "%.1f (stall timeout %d s)".formatted(
                noticed.toMillis() / 1e3, STALL.toSeconds()));
        assertThat(noticed).as("reconnecting within the stall timeout").isLessThan(STALL.plus(RECONNECTING_SLACK));

        Thread.sleep(Math.max(0, SOURCE_AWAY.toMillis() - Duration.ofNanos(System.nanoTime() - awayAt).toMillis()));
        // The source's last pictures may still be on their way for as long as the latency bound.
        List<Sighting> away = player.since(awayAt + Math.round(MAX_LATENCY_SECONDS * 1e9));
        long stills = away.stream().filter(s -> s.greyShare() >= PLACEHOLDER_GREY_SHARE).count();
        MEASURED.put("pictures on the stream in the source's last %.0f s away".formatted(
                SOURCE_AWAY.toSeconds() - MAX_LATENCY_SECONDS), ("%d, %d of them the grey placeholder, longest gap "
                + "%.1f s").formatted(away.size(), stills, longestGapSeconds(away)));
        assertThat(away).as("pictures on the stream while the source is away")
                .hasSizeGreaterThanOrEqualTo(MIN_PLACEHOLDERS)
                .allSatisfy(s -> assertThat(s.greyShare()).as("grey share of %s", s)
                        .isGreaterThanOrEqualTo(PLACEHOLDER_GREY_SHARE));
        assertThat(player.connections()).as("the player stayed connected").isEqualTo(connection);

        LoopPublisher back = LoopPublisher.start(clip.file(), relay, SOURCE_PATH);
        long backAt = System.nanoTime();
        awaitStatus(taskId, "live");
        awaitTrue(() -> status(taskId).at("/camera/reconnects").asLong() == 1, "one reconnect");
        awaitTrue(() -> player.since(backAt).stream().anyMatch(Sighting::stamped), "the camera's pictures again");
        MEASURED.put("source back → its pictures on the stream (s)", "%.1f".formatted(
                (player.since(backAt).stream().filter(Sighting::stamped).findFirst().orElseThrow().wallNanos()
                        - backAt) / 1e9));
        MEASURED.put("reconnects", String.valueOf(status(taskId).at("/camera/reconnects").asLong()));
        assertThat(pids()).as("no service restarted").isEqualTo(pids);
        return back;
    }

    /** Step 4: SIGKILL, start again, and the camera's pictures and progress move on. */
    private static void killAndRestart(String taskId, List<String> stages, StreamWatcher player) throws Exception {
        long killedAt = System.nanoTime();
        for (String stage : stages) {
            assertThat(ServiceProcess.killedBySigkill(fleet.kill(stage))).as(stage + " ended by SIGKILL").isTrue();
        }
        for (String stage : stages) {
            fleet.startAgain(stage);
        }
        long restartedAt = System.nanoTime();
        long annotatedAtRestart = framesDone(taskId);
        awaitTrue(() -> player.since(restartedAt).stream().filter(Sighting::stamped).count() >= 10
                && framesDone(taskId) > annotatedAtRestart, "pictures and progress after restarting " + stages);
        long resumedAt = player.since(restartedAt).stream().filter(Sighting::stamped).findFirst().orElseThrow()
                .wallNanos();
        String name = String.join(" + ", stages);
        MEASURED.put("kill " + name + " → started again → pictures on the stream (s)", "%.1f → %.1f".formatted(
                (restartedAt - killedAt) / 1e9, (resumedAt - killedAt) / 1e9));
        assertThat(status(taskId).get("status").asText()).as("status after restarting " + name).isEqualTo("live");
    }

    /** Steps 5 and 6: stop; the segments play, cover each frame once, give the live analytics; topics go. */
    private static void stopAndCheckRecordings(String taskId) throws Exception {
        awaitTrue(() -> segments(taskId).size() >= MIN_SEGMENTS, MIN_SEGMENTS + " closed segments");
        HttpResponse<String> stopped = client.delete("/tasks/" + taskId);
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        assertThat(JSON.readTree(stopped.body()).get("status").asText()).isEqualTo("stopped");
        long stoppedAt = System.nanoTime();
        JsonNode last = awaitStatus(taskId, "stopped");
        MEASURED.put("frames dropped at the source (overload)", String.valueOf(last.at("/camera/frames_dropped")
                .asLong()));

        awaitTopicsRemoved(taskId);
        MEASURED.put("stop → topics removed (s)", "%.1f".formatted((System.nanoTime() - stoppedAt) / 1e9));
        long annotated = framesDone(taskId);
        awaitTrue(() -> end(segments(taskId)) == framesDone(taskId), "the last segment closed at the last frame");

        List<JsonNode> segments = segments(taskId);
        List<TrackedFrame> frames = new ArrayList<>();
        long expectedStart = 0;
        for (JsonNode segment : segments) {
            assertThat(segment.get("start_frame").asLong()).as("start of %s", segment).isEqualTo(expectedStart);
            List<String> lines = download(segment.get("annotations").asText()).lines().toList();
            assertThat(lines).as("JSON Lines of %s", segment).hasSize(segment.get("frames").asInt());
            for (int i = 0; i < lines.size(); i++) {
                JsonNode line = JSON.readTree(lines.get(i));
                assertThat(line.get("frame").asLong()).as("line %d of %s", i, segment).isEqualTo(expectedStart + i);
                frames.add(TrackedFrame.parse(lines.get(i)));
            }
            assertThat(decodedFrames(segment)).as("pictures in the MP4 of %s", segment).isEqualTo(lines.size());
            expectedStart += lines.size();
        }
        MEASURED.put("segments (frames)", "%d (%d frames, all annotated: %d)".formatted(segments.size(),
                expectedStart, annotated));

        Analysis recomputed = new Analysis(new AnalysisRequest(List.of(PAVEMENT), List.of()));
        frames.forEach(recomputed::accept);
        HttpResponse<String> analytics = client.get("/result/" + taskId + "/analytics");
        assertThat(analytics.statusCode()).as(analytics.body()).isEqualTo(200);
        AnalyticsResult live = AnalyticsJson.readResult(analytics.body());
        MEASURED.put("line crossings (analytics = recomputed from segments)", analytics.body());
        assertThat(live).as("the analytics against the segments' JSON Lines").isEqualTo(recomputed.result());
    }

    private static double longestGapSeconds(List<Sighting> sightings) {
        long longest = 0;
        for (int i = 1; i < sightings.size(); i++) {
            longest = Math.max(longest, sightings.get(i).wallNanos() - sightings.get(i - 1).wallNanos());
        }
        return longest / 1e9;
    }

    private static int decodedFrames(JsonNode segment) throws Exception {
        Path mp4 = dataDir.resolve(segment.get("name").asText() + ".mp4");
        Files.write(mp4, downloadBytes(segment.get("video").asText()));
        try (var grabber = new FFmpegFrameGrabber(mp4.toFile())) {
            grabber.start();
            int pictures = 0;
            while (grabber.grabImage() != null) {
                pictures++;
            }
            return pictures;
        }
    }

    private static List<JsonNode> segments(String taskId) {
        HttpResponse<String> response = client.get("/result/" + taskId + "/segments");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> segments = new ArrayList<>();
        JSON.readTree(response.body()).get("segments").forEach(segments::add);
        return segments;
    }

    /** The frame after the last segment's last one; 0 when there is none. */
    private static long end(List<JsonNode> segments) {
        if (segments.isEmpty()) {
            return 0;
        }
        JsonNode last = segments.get(segments.size() - 1);
        return last.get("start_frame").asLong() + last.get("frames").asLong();
    }

    private static String download(String path) {
        return new String(downloadBytes(path), StandardCharsets.UTF_8);
    }

    private static byte[] downloadBytes(String path) {
        HttpResponse<byte[]> response = client.getBytes(path, null);
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return response.body();
    }

    private static JsonNode status(String taskId) {
        HttpResponse<String> response = client.get("/status/" + taskId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Frames the annotation stage has finished, as the backend last heard. */
    private static long framesDone(String taskId) {
        return JSON.readTree(client.get("/tasks/" + taskId).body()).path("frames_done").path("annotation").asLong(0);
    }

    private static JsonNode awaitStatus(String taskId, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode status = status(taskId);
        while (!status.get("status").asText().equals(wanted)) {
            assertThat(status.get("status").asText()).as("status %s", status).isNotEqualTo("failed");
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + wanted + " within " + WAIT.toSeconds() + " s: " + status);
            }
            Thread.sleep(POLL.toMillis());
            status = status(taskId);
        }
        return status;
    }

    private static Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String service : Fleet.SERVICES) {
            ServiceProcess process = fleet.instance(service);
            assertThat(process.isAlive()).as(service + " running").isTrue();
            pids.put(service, process.pid());
        }
        return pids;
    }

    private static void awaitTopicsRemoved(String taskId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (fleet.topics().stream().anyMatch(topic -> topic.endsWith(taskId))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("topics of " + taskId + " still there: " + fleet.topics().stream()
                        .filter(topic -> topic.endsWith(taskId)).toList());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
