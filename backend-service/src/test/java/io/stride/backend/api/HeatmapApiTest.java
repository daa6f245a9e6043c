package io.stride.backend.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stride.backend.testing.Backend;
import io.stride.backend.testing.Clips;
import io.stride.backend.testing.StagelessBackend;
import io.stride.core.task.TaskEvent;
import io.stride.core.topic.TopicNames;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /result/{id}/heatmap.png} against a real backend and broker with an operator key: the test plays a
 * completed task by writing its video (flat grey frames, a different level each) and its JSON Lines.
 */
class HeatmapApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = "heatmap-test-key";
    private static final int WIDTH = 160;
    private static final int HEIGHT = 120;
    private static final int FRAMES = 11;
    /** Of 11 frames at 10 fps (1.1 s), the one on screen at 0.55 s: the sixth, shown from 0.5 s. */
    private static final int MIDDLE_FRAME = 5;
    private static final int CELL = 4;
    private static final double OPACITY = 0.6;
    /**
     * Track 1 stands with its anchor (bottom centre) at (40, 60) in all 11 frames, cell (10, 15); track 2 is
     * anchored at (121.5, 101) in one frame, cell (30, 25); track 3's box reaches below the frame, not counted.
     */
    private static final String STANDING_AND_PASSING = jsonLines();

    @RegisterExtension
    static final StagelessBackend stageless = new StagelessBackend("--stride.security.api-key=" + KEY,
            "--stride.analytics.heatmap.cell-size=" + CELL, "--stride.analytics.heatmap.blur-sigma=0",
            "--stride.analytics.heatmap.decades=3", "--stride.analytics.heatmap.opacity=" + OPACITY);

    @Test
    void drawsTheAnchorsOverTheMiddleFrameExactlyAsTheScaleSays() throws Exception {
        String taskId = completedTask(STANDING_AND_PASSING);

        HttpResponse<byte[]> answer = get("/result/" + taskId + "/heatmap.png", KEY);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("max-age=3600, private");
        BufferedImage heatmap = ImageIO.read(new ByteArrayInputStream(answer.body()));
        assertThat(heatmap.getWidth()).isEqualTo(WIDTH);
        assertThat(heatmap.getHeight()).isEqualTo(HEIGHT);
        Path video = stageless.results().resolve(taskId + ".mp4");
        int frame = decodedColour(video, MIDDLE_FRAME);
        assertThat(frame).as("frames differ").isNotEqualTo(decodedColour(video, MIDDLE_FRAME + 1))
                .isNotEqualTo(decodedColour(video, MIDDLE_FRAME - 1));
        // Track 1 is the maximum (11 anchors): red at alpha 0.6. Track 2 (1 anchor) is 1.04 decades below:
        // level 1 − log10(11) / 3 = 0.6529, colour (0.6529 − 0.5) / 0.25 of the way from green to yellow.
        double level = 1 - Math.log10(FRAMES) / 3;
        int passing = blend(frame, (int) Math.round(255 * (level - 0.5) / 0.25), 255, 0, OPACITY * level);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int expected = inCell(x, y, 10, 15) ? blend(frame, 255, 0, 0, OPACITY)
                        : inCell(x, y, 30, 25) ? passing : frame;
                assertThat(heatmap.getRGB(x, y) & 0xffffff).as("pixel (%d, %d)", x, y).isEqualTo(expected);
            }
        }
    }

    @Test
    void isDrawnOnceKeptBesideTheResultsAndDeletedWithTheTask() throws Exception {
        String taskId = completedTask(STANDING_AND_PASSING);
        Path results = stageless.results();
        byte[] first = get("/result/" + taskId + "/heatmap.png", KEY).body();
        Path kept = results.resolve(taskId + ".heatmap.png");
        assertThat(kept).hasBinaryContent(first);
        assertThat(resultFiles(taskId)).containsExactlyInAnyOrder(taskId + ".jsonl", taskId + ".mp4",
                taskId + ".heatmap.png");

        // What is kept is what is served: a changed file comes back as it is, not drawn again.
        byte[] marker = "not drawn again".getBytes(StandardCharsets.UTF_8);
        Files.write(kept, marker);
        assertThat(get("/result/" + taskId + "/heatmap.png", KEY).body()).isEqualTo(marker);

        Backend backend = stageless.backend();
        HttpResponse<byte[]> deleted = backend.sendForBytes(backend.request("/tasks/" + taskId)
                .header("X-API-Key", KEY).DELETE());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(resultFiles(taskId)).isEmpty();
    }

    @Test
    void aTaskReadTokenOpensItsOwnHeatmapOnly() throws Exception {
        String taskId = completedTask(STANDING_AND_PASSING);
        String otherTask = completedTask(STANDING_AND_PASSING);
        String token = Backend.JSON.readTree(get("/tasks/" + taskId, KEY).body()).get("read_token").asText();

        HttpResponse<byte[]> withToken = get("/result/" + taskId + "/heatmap.png?token=" + token, null);
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new ByteArrayInputStream(withToken.body())).getWidth()).isEqualTo(WIDTH);

        assertThat(get("/result/" + otherTask + "/heatmap.png?token=" + token, null).statusCode()).isEqualTo(401);
        assertThat(get("/result/" + taskId + "/heatmap.png", null).statusCode()).isEqualTo(401);
        assertThat(get("/result/" + taskId + "/heatmap.png", "wrong key").statusCode()).isEqualTo(401);
        assertThat(resultFiles(otherTask)).as("nothing drawn for a refused request")
                .doesNotContain(otherTask + ".heatmap.png");
    }

    @Test
    void refusesWhatHasNoHeatmapWithAJsonMessageWhateverTheRequestAccepts() throws Exception {
        String unknown = TopicNames.newTaskId();
        assertRefused("/result/" + unknown + "/heatmap.png", 404, "no task " + unknown);
        assertRefused("/result/not-a-task/heatmap.png", 400, "not a task id (expected a lower-case UUID): "
                + "not-a-task");

        String running = TopicNames.newTaskId();
        stageless.events().publishAndWait(TaskEvent.started(running, FRAMES, "running.mp4"));
        await().atMost(WAIT).until(() -> get("/status/" + running, KEY).statusCode() == 200);
        assertRefused("/result/" + running + "/heatmap.png", 409, "task " + running + " is running: only a "
                + "completed task's tracks can be analysed");

        String gone = completedTask(STANDING_AND_PASSING);
        Files.delete(stageless.results().resolve(gone + ".mp4"));
        assertRefused("/result/" + gone + "/heatmap.png", 404, "the results of task " + gone
                + " are no longer available");

        String broken = completedTask(STANDING_AND_PASSING + "{\"frame\":11,\"tracks\":[{\"box\":[1,2]}]}\n");
        assertRefused("/result/" + broken + "/heatmap.png", 500, "the annotations of task " + broken + " cannot be "
                + "read: line 12: not a frame of the annotations (frame, pts_us, tracks)");
        assertThat(resultFiles(broken)).containsExactlyInAnyOrder(broken + ".jsonl", broken + ".mp4");
    }

    @Test
    void documentsTheEndpointAndItsErrors() {
        var paths = Backend.JSON.readTree(get("/v3/api-docs", KEY).body()).get("paths");
        var responses = paths.get("/result/{taskId}/heatmap.png").get("get").get("responses");

        assertThat(responses.propertyNames()).containsExactlyInAnyOrder("200", "400", "404", "409", "503");
        assertThat(responses.get("200").get("content").propertyNames()).containsExactly("image/png");
        for (String status : List.of("400", "404", "409", "503")) {
            assertThat(responses.get(status).get("content").get("application/json").get("schema").get("$ref")
                    .asText()).endsWith("/ApiError");
        }
    }

    private static void assertRefused(String path, int status, String message) {
        Backend backend = stageless.backend();
        HttpResponse<byte[]> answer = backend.sendForBytes(backend.request(path)
                .header("X-API-Key", KEY).header("Accept", "image/png"));
        assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(Backend.JSON.readTree(answer.body()).get("message").asText()).isEqualTo(message);
    }

    private static List<String> resultFiles(String taskId) throws IOException {
        try (Stream<Path> files = Files.list(stageless.results())) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith(taskId)).toList();
        }
    }

    /**
     * The colour {@code 0xRRGGBB} of flat frame {@code index} (from 0) as FFmpeg decodes it, every frame in turn
     * (H.264 gives the grey a slight tint).
     */
    private static int decodedColour(Path video, int index) throws Exception {
        try (var grabber = new FFmpegFrameGrabber(video.toFile()); var converter = new Java2DFrameConverter()) {
            grabber.start();
            for (int i = 0; i < index; i++) {
                grabber.grabImage();
            }
            BufferedImage frame = converter.convert(grabber.grabImage());
            assertThat(frame.getRGB(WIDTH - 1, HEIGHT - 1)).as("a flat frame").isEqualTo(frame.getRGB(0, 0));
            return frame.getRGB(0, 0) & 0xffffff;
        }
    }

    private static boolean inCell(int x, int y, int column, int row) {
        return x / CELL == column && y / CELL == row;
    }

    private static int blend(int under, int red, int green, int blue, double alpha) {
        return channel(under >> 16, red, alpha) << 16 | channel(under >> 8, green, alpha) << 8
                | channel(under, blue, alpha);
    }

    private static int channel(int under, int over, double alpha) {
        return (int) Math.round((under & 0xff) * (1 - alpha) + over * alpha);
    }

    /** A completed task with these JSON Lines and a video of flat grey frames, a different level each. */
    private static String completedTask(String jsonLines) throws Exception {
        String taskId = TopicNames.newTaskId();
        Files.createDirectories(stageless.results());
        Clips.write(stageless.results().resolve(taskId + ".mp4"),
                new Clips.Encoding("mp4", "libx264", WIDTH, HEIGHT, 10, 0), FRAMES, i -> Clips.grey(WIDTH, HEIGHT, i));
        return stageless.completedTask(taskId, jsonLines, "");
    }

    private static HttpResponse<byte[]> get(String path, String key) {
        return stageless.backend().getBytes(path, key);
    }

    private static String jsonLines() {
        StringBuilder out = new StringBuilder();
        for (int frame = 0; frame < FRAMES; frame++) {
            out.append("{\"frame\":").append(frame).append(",\"pts_us\":").append(frame * 100_000L)
                    .append(",\"detections\":[],\"tracks\":[{\"track_id\":1,\"box\":[30,20,50,60],\"score\":0.9,"
                            + "\"class_id\":0}");
            if (frame == 3) {
                out.append(",{\"track_id\":2,\"box\":[118,70,125,101],\"score\":0.8,\"class_id\":0}")
                        .append(",{\"track_id\":3,\"box\":[60,90,80,121],\"score\":0.8,\"class_id\":0}");
            }
            out.append("],\"poses\":[]}\n");
        }
        return out.toString();
    }
}
