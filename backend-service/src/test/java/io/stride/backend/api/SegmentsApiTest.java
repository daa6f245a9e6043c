package io.stride.backend.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stride.backend.testing.Backend;
import io.stride.backend.testing.Clips;
import io.stride.backend.testing.StagelessBackend;
import io.stride.core.result.RecordedSegment;
import io.stride.core.result.RecordingManifest;
import io.stride.core.result.ResultFiles;
import io.stride.core.task.TaskEvent;
import io.stride.core.topic.TopicNames;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /result/{id}/segments} and its files against a real backend and broker with an operator key: the
 * test plays the annotation service of a running camera task by writing two closed segments, their manifest,
 * and the partial files of the segment being written.
 */
class SegmentsApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "segments-test-key";
    private static final int WIDTH = 160;
    private static final int HEIGHT = 120;
    private static final int FRAMES = 10;

    @RegisterExtension
    static final StagelessBackend stageless = new StagelessBackend("--stride.security.api-key=" + KEY);

    private static String taskId;
    private static Path segments;

    @BeforeAll
    static void start() throws Exception {
        taskId = TopicNames.newTaskId();
        segments = new ResultFiles(stageless.results()).segments(taskId);
        recordTwoSegments(segments);
        startTask(taskId);
    }

    private static void startTask(String id) {
        stageless.events().publishAndWait(TaskEvent.started(id, FRAMES, "camera"));
        await().atMost(WAIT).until(() -> get("/status/" + id, KEY).statusCode() == 200);
    }

    @Test
    void listsTheClosedSegmentsInOrderWithTheirFiles() throws Exception {
        HttpResponse<byte[]> answer = get("/result/" + taskId + "/segments", KEY);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode listed = JSON.readTree(answer.body()).get("segments");
        assertThat(listed).as("not the segment being written").hasSize(2);
        JsonNode second = listed.get(1);
        assertThat(listed.get(0).get("name").asString()).isEqualTo("000001");
        assertThat(second.get("name").asString()).isEqualTo("000002");
        assertThat(second.get("start_frame").asLong()).isEqualTo(FRAMES);
        assertThat(second.get("frames").asLong()).isEqualTo(FRAMES);
        assertThat(second.get("start_pts_us").asLong()).isEqualTo(1_000_000);
        assertThat(second.get("duration_s").asDouble()).isEqualTo(1.0);
        assertThat(second.get("bytes").asLong()).isEqualTo(Files.size(segments.resolve("000002.mp4")));
        assertThat(second.get("video").asString()).isEqualTo("/result/" + taskId + "/segments/000002.mp4");
        assertThat(second.get("annotations").asString()).isEqualTo("/result/" + taskId + "/segments/000002.jsonl");
    }

    @Test
    void servesASegmentsVideoByRange() throws Exception {
        byte[] file = Files.readAllBytes(segments.resolve("000001.mp4"));

        Backend backend = stageless.backend();
        HttpResponse<byte[]> part = backend.sendForBytes(backend.request("/result/" + taskId
                + "/segments/000001.mp4").header("X-API-Key", KEY).header("Range", "bytes=100-299"));

        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-299/" + file.length);
        assertThat(part.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(file, 100, 300));
        HttpResponse<byte[]> whole = get("/result/" + taskId + "/segments/000001.mp4", KEY);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.body()).isEqualTo(file);
    }

    @Test
    void servesASegmentsJsonLines() throws Exception {
        HttpResponse<byte[]> answer = get("/result/" + taskId + "/segments/000002.jsonl", KEY);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8).lines().toList())
                .hasSize(FRAMES).first().asString().startsWith("{\"frame\":10,");
    }

    @Test
    void unknownTasksAndSegmentsAndBadNamesAreRefusedWithTheJsonError() throws Exception {
        assertRefused("/result/" + TopicNames.newTaskId() + "/segments", 404, "no task ");
        assertRefused("/result/" + taskId + "/segments/000003.mp4", 404, "has no segment 000003");
        assertRefused("/result/" + taskId + "/segments/000009.jsonl", 404, "has no segment 000009");
        assertRefused("/result/" + taskId + "/segments/manifest.mp4", 400, "not a segment name");
        assertRefused("/result/" + taskId + "/segments/..%2Fmanifest.jsonl", 400, "not a segment name");
        assertThat(get("/result/" + taskId + "/segments", null).statusCode()).as("no credential").isEqualTo(401);
    }

    @Test
    void deletingTheTaskDeletesItsRecordings() throws Exception {
        String deleted = TopicNames.newTaskId();
        Path itsSegments = new ResultFiles(stageless.results()).segments(deleted);
        recordTwoSegments(itsSegments);
        startTask(deleted);

        Backend backend = stageless.backend();
        HttpResponse<byte[]> answer = backend.sendForBytes(backend.request("/tasks/" + deleted)
                .header("X-API-Key", KEY).DELETE());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(itsSegments.getParent()).doesNotExist();
        assertThat(segments).as("another task's").exists();
    }

    private static void assertRefused(String path, int status, String message) throws Exception {
        HttpResponse<byte[]> answer = get(path, KEY);
        assertThat(answer.statusCode()).as(path).isEqualTo(status);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("message").asString()).contains(message);
    }

    /** Segments 1 and 2 (frames 0-9 at 0 s, 10-19 at 1 s, 10 fps) closed; segment 3 half written. */
    private static void recordTwoSegments(Path segments) throws IOException {
        Files.createDirectories(segments);
        RecordingManifest manifest = RecordingManifest.EMPTY;
        for (int number = 1; number <= 2; number++) {
            long startFrame = (number - 1) * (long) FRAMES;
            Path video = Clips.write(RecordedSegment.video(segments, number),
                    new Clips.Encoding("mp4", "libx264", WIDTH, HEIGHT, 10, 0), FRAMES,
                    i -> Clips.grey(WIDTH, HEIGHT, i));
            Path annotations = Files.writeString(RecordedSegment.annotations(segments, number), jsonLines(startFrame));
            manifest = manifest.withClosed(new RecordedSegment(number, startFrame, FRAMES, startFrame * 100_000,
                    1_000_000, Files.size(video), Files.size(annotations), System.currentTimeMillis()));
        }
        manifest.write(segments);
        Files.writeString(segments.resolve("000003.mp4.part"), "being written");
        Files.writeString(segments.resolve("000003.jsonl.part"), jsonLines(2L * FRAMES));
    }

    private static String jsonLines(long startFrame) {
        StringBuilder out = new StringBuilder();
        for (long frame = startFrame; frame < startFrame + FRAMES; frame++) {
            out.append("{\"frame\":").append(frame).append(",\"pts_us\":").append(frame * 100_000L)
                    .append(",\"detections\":[],\"tracks\":[],\"poses\":[]}\n");
        }
        return out.toString();
    }

    private static HttpResponse<byte[]> get(String path, String key) {
        return stageless.backend().getBytes(path, key);
    }
}
