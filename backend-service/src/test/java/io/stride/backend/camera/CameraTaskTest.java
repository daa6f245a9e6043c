package io.stride.backend.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stride.backend.testing.Backend;
import io.stride.backend.testing.RawFrames;
import io.stride.core.frame.FrameRecord;
import io.stride.core.image.JpegCodec;
import io.stride.core.result.ResultFiles;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import io.stride.core.testing.SharedData;
import io.stride.core.testing.TestBroker;
import io.stride.rtsp.RtspServer;
import io.stride.rtsp.RtspServerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Camera tasks against a real broker and real sources, with no stages running: an RTSP camera (FFmpeg publishing a
 * looped clip in real time to Stride's RTSP relay) and an HTTP one (a JDK HTTP server serving an MP4). The RTSP
 * camera's pipeline is told it keeps up (annotation progress far ahead); the HTTP one's is not, so it drops.
 */
@ExtendWith(OutputCaptureExtension.class)
class CameraTaskTest {

    private static final String SECRET = "s3cretPass";
    private static final Duration STALL = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final double PLACEHOLDER_FPS = 5;

    @TempDir
    static Path dataDir;

    private static TestBroker broker;
    private static TaskEventPublisher events;
    private static RtspServer relay;
    private static HttpServer http;
    private static Path clip;

    @BeforeAll
    static void start() throws IOException {
        clip = SharedData.video(SharedData.PEOPLE_WALKING);
        broker = new TestBroker();
        events = new TaskEventPublisher(broker.kafkaClients());
        relay = new RtspServer(RtspServerSettings.loopbackEphemeral());
        relay.start();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/clip.mp4", CameraTaskTest::serveClip);
        http.start();
    }

    @AfterAll
    static void stop() {
        http.stop(0);
        relay.close();
        events.close();
        broker.close();
    }

    @Test
    void camerasGoLiveReconnectDropUnderLoadStopAndNeverShowTheirCredentials(CapturedOutput output)
            throws Exception {
        String rtspUrl = "rtsp://viewer:" + SECRET + "@127.0.0.1:" + relay.port() + "/gate-2";
        Process publisher = publish();
        try (Backend backend = Backend.start(broker, dataDir,
                "--stride.backend.max-tasks-in-flight=2",
                "--stride.camera.stall-timeout=" + STALL.toMillis() + "ms",
                "--stride.camera.reconnect.initial=200ms",
                "--stride.camera.reconnect.max=1s",
                "--stride.camera.placeholder-fps=" + PLACEHOLDER_FPS)) {
            HttpResponse<String> created = post(backend, "{\"url\": \"" + rtspUrl + "\", \"name\": \"gate-2\", "
                    + "\"options\": {\"classes\": [\"person\"]}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode answer = Backend.JSON.readTree(created.body());
            String rtspTask = answer.get("task_id").asText();
            assertThat(answer.get("status").asText()).isEqualTo("connecting");
            assertThat(answer.get("stream_url").asText()).endsWith("/" + rtspTask);
            assertThat(answer.at("/source/url").asText())
                    .isEqualTo("rtsp://***@127.0.0.1:" + relay.port() + "/gate-2");
            // The pipeline keeps up with this camera: nothing is dropped.
            events.publishAndWait(TaskEvent.progress(rtspTask, "annotation", Long.MAX_VALUE / 2));

            JsonNode live = backend.awaitStatus(rtspTask, "live");
            assertThat(live.at("/source/name").asText()).isEqualTo("gate-2");
            awaitTrue(() -> RawFrames.count(broker, rtspTask) >= 30, "30 frames published");
            List<FrameRecord> before = RawFrames.now(broker, rtspTask);
            assertContiguousFromZero(before);
            assertThat(before.get(0).width()).isEqualTo(1280);
            assertThat(before.get(0).height()).isEqualTo(720);
            assertThat(before.get(0).options().live()).isTrue();
            assertThat(before.get(0).options().classIds()).containsExactly(0);
            assertThat(metric(backend, "stride_camera_frames_total", rtspTask, "outcome=\"published\""))
                    .as("published, as metric").isGreaterThanOrEqualTo(30);
            assertThat(metric(backend, "stride_camera_reconnects_total", rtspTask, "name=\"gate-2\"")).isZero();
            assertThat(backend.status(rtspTask).at("/camera/lag_seconds").asDouble()).as("nothing waits").isZero();

            String httpTask = httpCamera(backend);
            HttpResponse<String> refused = post(backend, "{\"url\": \"" + rtspUrl + "\"}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("never queued");

            // The source goes away while its relay stays: a stall, reconnected with back-off, placeholders meanwhile.
            stopPublisher(publisher);
            long killedAt = System.nanoTime();
            backend.awaitStatus(rtspTask, "reconnecting");
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(STALL.plusSeconds(3));
            long publishedWhenAway = RawFrames.count(broker, rtspTask);
            // Three seconds of placeholders span connection attempts (each waits for the relay's 404).
            awaitTrue(() -> RawFrames.count(broker, rtspTask) >= publishedWhenAway + 3 * PLACEHOLDER_FPS,
                    "placeholders");
            List<FrameRecord> away = RawFrames.now(broker, rtspTask);
            List<FrameRecord> placeholders = away.subList((int) publishedWhenAway, away.size());
            assertPlaceholders(placeholders);

            publisher = publish();
            JsonNode again = backend.awaitStatus(rtspTask, "live");
            awaitTrue(() -> backend.status(rtspTask).at("/camera/reconnects").asLong() == 1, "one reconnect");
            assertThat(again.at("/camera/frames_dropped").asLong()).isZero();
            assertThat(metric(backend, "stride_camera_reconnects_total", rtspTask, "name=\"gate-2\"")).isEqualTo(1);
            long publishedWhenBack = RawFrames.count(broker, rtspTask);
            awaitTrue(() -> RawFrames.count(broker, rtspTask) >= publishedWhenBack + 30, "frames after the reconnect");

            HttpResponse<String> stopped = backend.delete("/tasks/" + rtspTask);
            assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
            assertThat(Backend.JSON.readTree(stopped.body()).get("status").asText()).isEqualTo("stopped");
            List<FrameRecord> all = RawFrames.untilEndOfStream(broker, rtspTask, WAIT);
            FrameRecord end = all.get(all.size() - 1);
            List<FrameRecord> frames = all.subList(0, all.size() - 1);
            assertContiguousFromZero(frames);
            assertSourcePaceAfterTheStills(frames, placeholders.get(placeholders.size() - 1).jpeg());
            assertThat(end.frameCount()).isEqualTo(frames.size());
            assertThat(frames.size()).isGreaterThan(away.size());
            backend.awaitStatus(rtspTask, "stopped");
            String counted = "{\"lines\":[{\"name\":\"door\",\"in\":3,\"out\":1,\"by_class\":{}}],\"zones\":[]}";
            Path results = Files.createDirectories(dataDir.resolve("results"));
            Files.writeString(results.resolve(rtspTask + ResultFiles.LIVE_ANALYTICS_SUFFIX), counted);
            completeAsTheAnnotationServiceWould(rtspTask, end.frameCount());
            JsonNode stoppedCamera = backend.awaitStatus(rtspTask, "stopped");
            assertThat(stoppedCamera.at("/camera/reconnects").asLong()).as("totals kept once stopped").isEqualTo(1);
            assertThat(prometheus(backend)).as("a stopped camera's series removed").doesNotContain(rtspTask);
            HttpResponse<String> analytics = backend.client().get("/result/" + rtspTask + "/analytics");
            assertThat(analytics.statusCode()).as(analytics.body()).isEqualTo(200);
            assertThat(analytics.body()).as("the counts up to the stop").isEqualTo(counted);
            assertThat(analytics.headers().firstValue("X-Stride-Analytics")).hasValue("final");
            HttpResponse<String> events = backend.client().get("/result/" + rtspTask + "/events");
            assertThat(events.statusCode()).as(events.body()).isEqualTo(409);
            assertThat(events.body()).contains("camera").contains("/segments");
            HttpResponse<String> video = backend.client().get("/result/" + rtspTask);
            assertThat(video.statusCode()).as(video.body()).isEqualTo(404);
            assertThat(video.body()).as("where a camera's video is").contains("/result/" + rtspTask + "/segments");

            awaitTrue(() -> backend.status(httpTask).at("/camera/lag_seconds").asDouble() >= 1.0,
                    "the camera nothing annotates shows a lag of max-lag (1 s) and more");
            assertThat(backend.delete("/tasks/" + httpTask).statusCode()).isEqualTo(200);
            List<FrameRecord> httpFrames = RawFrames.untilEndOfStream(broker, httpTask, WAIT);
            completeAsTheAnnotationServiceWould(httpTask, httpFrames.size() - 1);
            assertThat(backend.awaitStatus(httpTask, "stopped").at("/camera/frames_dropped").asLong())
                    .as("the drops of the camera nothing annotated, kept once stopped").isPositive();

            String everything = backend.client().get("/tasks").body() + backend.client().get("/status/" + rtspTask)
                    .body() + backend.client().get("/status/" + httpTask).body();
            assertThat(everything).contains("rtsp://***@127.0.0.1").doesNotContain(SECRET);
            assertThat(output.getAll()).contains("rtsp://***@127.0.0.1").doesNotContain(SECRET);
        } finally {
            stopPublisher(publisher);
        }
    }

    @Test
    void aCameraInFlightWhenTheBackendRestartsIsReconnectedByTheNextProcessItsFramesGoingOn() throws Exception {
        Process publisher = publish();
        Path restartDir = dataDir.resolve("restart");
        try {
            String taskId;
            long before;
            try (Backend first = Backend.start(broker, restartDir)) {
                HttpResponse<String> created = post(first, "{\"url\": \"rtsp://127.0.0.1:" + relay.port()
                        + "/gate-2\", \"name\": \"restarted\"}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                taskId = Backend.JSON.readTree(created.body()).get("task_id").asText();
                events.publishAndWait(TaskEvent.progress(taskId, "annotation", Long.MAX_VALUE / 2));
                first.awaitStatus(taskId, "live");
                awaitTrue(() -> RawFrames.count(broker, taskId) >= 10, "10 frames published");
            }
            before = RawFrames.count(broker, taskId);
            try (Backend second = Backend.start(broker, restartDir)) {
                JsonNode live = second.awaitStatus(taskId, "live");
                assertThat(live.at("/source/name").asText()).isEqualTo("restarted");
                awaitTrue(() -> RawFrames.count(broker, taskId) >= before + 10, "10 more frames");
                List<FrameRecord> frames = RawFrames.now(broker, taskId);
                assertContiguousFromZero(frames);
                assertThat(second.delete("/tasks/" + taskId).statusCode()).isEqualTo(200);
                List<FrameRecord> all = RawFrames.untilEndOfStream(broker, taskId, WAIT);
                assertThat(all.get(all.size() - 1).frameCount()).isEqualTo(all.size() - 1);
                completeAsTheAnnotationServiceWould(taskId, all.size() - 1);
                second.awaitStatus(taskId, "stopped");
            }
        } finally {
            stopPublisher(publisher);
        }
    }

    /** An HTTP camera whose pipeline never annotates: it publishes a second's worth of frames, then drops. */
    private static String httpCamera(Backend backend) throws Exception {
        HttpResponse<String> created = post(backend, "{\"url\": \"http://127.0.0.1:" + http.getAddress().getPort()
                + "/clip.mp4\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String taskId = Backend.JSON.readTree(created.body()).get("task_id").asText();
        backend.awaitStatus(taskId, "live");
        awaitTrue(() -> backend.status(taskId).at("/camera/frames_dropped").asLong() > 30, "drops");
        long allowed = Math.round(30000 / 1001.0); // 1 s at the clip's 29.97 fps
        assertThat(RawFrames.count(broker, taskId)).isEqualTo(allowed);
        awaitTrue(() -> backend.status(taskId).at("/camera/input_fps").asDouble() > 0, "an input rate");
        return taskId;
    }

    @Test
    void badRequestsAreRefusedAndSourcesThatNeverDeliverFailTheirTask() throws Exception {
        try (Backend backend = Backend.start(broker, dataDir.resolve("bad"), "--stride.camera.connect-deadline=3s")) {
            List<String> tasksBefore = taskIds(backend);
            assertRefused(backend, "{\"name\": \"x\"}", "url");
            assertRefused(backend, "{\"url\": \"ftp://user:" + SECRET + "@h/x\"}", "rtsp://");
            assertRefused(backend, "{\"url\": \"rtsp://cam/x\", \"name\": \"" + "n".repeat(101) + "\"}", "name");
            assertRefused(backend, "{\"url\": \"rtsp://cam/x\", \"options\": {\"classes\": [\"unicorn\"]}}",
                    "options.classes[0]");
            assertRefused(backend, "{\"url\": \"rtsp://cam/x\", \"colour\": 1}", "colour");
            assertRefused(backend, "not json", "JSON");
            assertThat(taskIds(backend)).as("no task created").isEqualTo(tasksBefore);

            String notFound = created(backend, "{\"url\": \"rtsp://u:" + SECRET + "@127.0.0.1:" + relay.port()
                    + "/nobody\"}");
            String closedPort;
            try (var socket = new java.net.ServerSocket(0)) {
                closedPort = created(backend, "{\"url\": \"rtsp://127.0.0.1:" + socket.getLocalPort() + "/x\"}");
            }
            assertThat(backend.awaitStatus(notFound, "failed").get("error").asText())
                    .contains("refused the connection for good: 404").doesNotContain(SECRET);
            assertThat(backend.awaitStatus(closedPort, "failed").get("error").asText())
                    .isEqualTo("the source delivered no picture within 3 s of the task's start");

            // The picture's size is known only once the source delivers: a line beyond it fails the task then.
            String lineOutside = created(backend, "{\"url\": \"http://127.0.0.1:" + http.getAddress().getPort()
                    + "/clip.mp4\", \"options\": {\"lines\": [{\"name\": \"far\", \"from\": [0, 10], "
                    + "\"to\": [1300, 10]}]}}");
            assertThat(backend.awaitStatus(lineOutside, "failed").get("error").asText())
                    .isEqualTo("options.lines[0].to: (1300.0, 10.0) is outside the 1280x720 frame of the source");
        }
    }

    private static String prometheus(Backend backend) {
        return backend.client().get("/actuator/prometheus").body();
    }

    /** The value of a camera's series that also has {@code label}, e.g. {@code outcome="dropped"}. */
    private static double metric(Backend backend, String name, String taskId, String label) {
        return prometheus(backend).lines()
                .filter(line -> line.startsWith(name + "{") && line.contains("task=\"" + taskId + "\"")
                        && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " of " + taskId + " with " + label));
    }

    private static List<String> taskIds(Backend backend) {
        List<String> ids = new java.util.ArrayList<>();
        Backend.JSON.readTree(backend.client().get("/tasks").body()).forEach(task -> ids.add(task.get("task_id")
                .asText()));
        return ids;
    }

    private static String created(Backend backend, String body) {
        HttpResponse<String> answer = post(backend, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return Backend.JSON.readTree(answer.body()).get("task_id").asText();
    }

    /** The annotation service, which no test runs, completes a task once it read its end-of-stream record. */
    private static void completeAsTheAnnotationServiceWould(String taskId, long frames) {
        events.publishAndWait(TaskEvent.completed(taskId, "annotation", frames));
    }

    private static void assertRefused(Backend backend, String body, String mentioned) {
        HttpResponse<String> answer = post(backend, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        JsonNode error = Backend.JSON.readTree(answer.body());
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("message").asText()).contains(mentioned).doesNotContain(SECRET);
    }

    private static void assertContiguousFromZero(List<FrameRecord> frames) {
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).frameIndex()).isEqualTo(i);
            if (i > 0) {
                assertThat(frames.get(i).ptsMicros()).isGreaterThan(frames.get(i - 1).ptsMicros());
            }
        }
    }

    /**
     * The reconnected source's pictures keep its pace (the clip's 29.97 fps): none squeezed a microsecond apart
     * behind the stills shown while the connection attempt blocked.
     */
    private static void assertSourcePaceAfterTheStills(List<FrameRecord> frames, byte[] still) {
        int lastStill = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i).jpeg(), still)) {
                lastStill = i;
            }
        }
        List<FrameRecord> back = frames.subList(lastStill + 1, lastStill + 11);
        for (int i = 1; i < back.size(); i++) {
            assertThat(back.get(i).ptsMicros() - back.get(i - 1).ptsMicros())
                    .as("time step %d after the reconnect", i).isBetween(25_000L, 45_000L);
        }
    }

    /** The same grey still, of the camera's size, about 1/placeholder-fps apart. */
    private static void assertPlaceholders(List<FrameRecord> placeholders) {
        // The first may be the source's last frames, published before the stall was noticed.
        List<FrameRecord> stills = placeholders.stream()
                .filter(frame -> Arrays.equals(frame.jpeg(), placeholders.get(placeholders.size() - 1).jpeg()))
                .toList();
        assertThat(stills).hasSizeGreaterThanOrEqualTo(4);
        try (Mat still = JpegCodec.decode(stills.get(0).jpeg())) {
            assertThat(still.cols()).isEqualTo(1280);
            assertThat(still.rows()).isEqualTo(720);
            var pixel = still.ptr(2, 2);
            for (int channel = 0; channel < 3; channel++) {
                assertThat(pixel.get(channel) & 0xFF).isBetween(Placeholder.GREY - 3, Placeholder.GREY + 3);
            }
        }
        long step = stills.get(stills.size() - 1).ptsMicros() - stills.get(stills.size() - 2).ptsMicros();
        assertThat(step).isBetween((long) (0.8e6 / PLACEHOLDER_FPS), (long) (3e6 / PLACEHOLDER_FPS));
        for (int i = 1; i < stills.size(); i++) {
            assertThat(stills.get(i).ptsMicros() - stills.get(i - 1).ptsMicros())
                    .as("no gap in the stills, also while a connection attempt blocks (still %d)", i)
                    .isLessThanOrEqualTo((long) (3e6 / PLACEHOLDER_FPS));
        }
    }

    private static HttpResponse<String> post(Backend backend, String json) {
        return backend.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/streams"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** FFmpeg publishing the clip, looped, in real time, to the relay's path, as a camera would. */
    private static Process publish() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                "-stream_loop", "-1", "-i", clip.toString(), "-an", "-c", "copy", "-f", "rtsp",
                "-rtsp_transport", "tcp", "rtsp://127.0.0.1:" + relay.port() + "/gate-2")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitTrue(() -> relay.isLive("/gate-2") || !process.isAlive(), "the publisher on the relay");
        assertThat(process.isAlive()).as("ffmpeg publishing to the relay").isTrue();
        return process;
    }

    private static void stopPublisher(Process publisher) throws InterruptedException {
        publisher.destroyForcibly();
        publisher.waitFor(10, TimeUnit.SECONDS);
    }

    /** Serves the clip, with byte ranges (FFmpeg seeks to an MP4's index). */
    private static void serveClip(HttpExchange exchange) throws IOException {
        long size = Files.size(clip);
        String range = exchange.getRequestHeaders().getFirst("Range");
        long from = 0;
        if (range != null && range.startsWith("bytes=")) {
            from = Long.parseLong(range.substring("bytes=".length()).split("-")[0]);
        }
        exchange.getResponseHeaders().set("Content-Type", "video/mp4");
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        if (range != null) {
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (size - 1) + "/" + size);
        }
        exchange.sendResponseHeaders(range != null ? 206 : 200, size - from);
        try (InputStream in = Files.newInputStream(clip); OutputStream out = exchange.getResponseBody()) {
            in.skipNBytes(from);
            in.transferTo(out);
        } catch (IOException e) {
            // FFmpeg closes a connection when it seeks elsewhere.
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
