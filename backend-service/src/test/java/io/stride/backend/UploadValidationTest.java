package io.stride.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.Clips;
import io.stride.core.testing.SharedData;
import io.stride.core.testing.StrideClient;
import io.stride.core.testing.TestBroker;
import io.stride.core.topic.TopicNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/** Bad uploads get a precise 4xx JSON answer and leave no file and no topic behind. */
class UploadValidationTest {

    private static final int MAX_UPLOAD_BYTES = 3 * 1024 * 1024;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path clips;

    private static TestBroker broker;
    private static ConfigurableApplicationContext backend;
    private static StrideClient client;
    private static String baseUrl;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void startBackend() {
        broker = new TestBroker();
        backend = new SpringApplicationBuilder(BackendApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--server.port=0",
                "--stride.storage.jobs-dir=" + dataDir.resolve("jobs"),
                "--stride.storage.results-dir=" + dataDir.resolve("results"),
                "--spring.servlet.multipart.max-file-size=" + MAX_UPLOAD_BYTES + "B",
                "--spring.servlet.multipart.max-request-size=" + MAX_UPLOAD_BYTES + "B",
                "--stride.backend.max-frame-width=320", "--stride.backend.max-frame-height=240",
                "--stride.backend.max-duration=2s");
        int port = ((WebServerApplicationContext) backend).getWebServer().getPort();
        baseUrl = "http://localhost:" + port;
        client = new StrideClient(baseUrl);
    }

    @AfterAll
    static void stop() {
        backend.close();
        broker.close();
    }

    @Test
    void textFileIsNotAVideo() {
        assertRefused(client.upload("file", "notes.mp4", "just some text\n".getBytes()),
                415, "not a video file FFmpeg can read");
    }

    @Test
    void emptyFileIsRefused() {
        assertRefused(client.upload("file", "empty.mp4", new byte[0]), 400, "the uploaded file is empty");
    }

    @Test
    void truncatedMp4WithoutItsIndexIsRefused() throws IOException {
        // This clip keeps its moov atom at the end: the first half has frames but no index to read them by.
        byte[] clip = Files.readAllBytes(SharedData.video(SharedData.MMPOSE_DEMO));
        assertRefused(client.upload("file", "cut.mp4", Arrays.copyOf(clip, clip.length / 2)),
                415, "not a video file FFmpeg can read");
    }

    @Test
    void audioOnlyFileHasNoVideoStream() throws Exception {
        Path audio = dataDir.resolve("tone.m4a");
        try (var recorder = new FFmpegFrameRecorder(audio.toFile(), 0, 0, 1)) {
            recorder.setFormat("mp4");
            recorder.setSampleRate(16000);
            recorder.start();
            short[] samples = new short[16000];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) (8000 * Math.sin(i * 2 * Math.PI * 440 / 16000));
            }
            recorder.recordSamples(16000, 1, java.nio.ShortBuffer.wrap(samples));
        }
        assertRefused(client.upload("file", "tone.mp4", Files.readAllBytes(audio)), 415, "the file has no video stream");
    }

    @Test
    void missingFileFieldIsRefused() {
        assertRefused(client.upload("video", "clip.mp4", new byte[] {1, 2, 3}), 400,
                "the multipart field 'file' is missing");
    }

    @Test
    void anImageRenamedMp4IsNotAVideo() throws IOException {
        try (Mat image = Clips.grey(64, 48, 3)) {
            assertRefused(client.upload("file", "holiday.mp4", bytes(".png", image)), 415,
                    "the file is a still image (png_pipe), not a video");
            assertRefused(client.upload("file", "holiday.mp4", bytes(".jpg", image)), 415,
                    "the file is a still image (jpeg_pipe), not a video");
        }
    }

    @Test
    void randomBytesAreNotAVideo() {
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        assertRefused(client.upload("file", "noise.mp4", noise), 415, "not a video file FFmpeg can read");
    }

    @Test
    void aFileOverTheUploadLimitIs413() {
        assertRefused(client.upload("file", "big.mp4", new byte[MAX_UPLOAD_BYTES + 1]), 413,
                "the upload exceeds the size limit of " + MAX_UPLOAD_BYTES + " bytes");
    }

    @Test
    void aFrameLargerThanTheLimitIs422() throws IOException {
        Path clip = Clips.write(clips.resolve("large.mp4"), Clips.Encoding.of("mp4", "mpeg4", 640, 480), 2,
                i -> Clips.grey(640, 480, i));
        assertRefused(client.upload(clip), 422,
                "video is 640x480; the largest accepted frame is 320x240 (or 240x320)");
    }

    @Test
    void aVideoLongerThanTheLimitIs422() throws IOException {
        Path clip = Clips.write(clips.resolve("long.mp4"),
                new Clips.Encoding("mp4", "mpeg4", 64, 48, 1, 0), 3, i -> Clips.grey(64, 48, i));
        assertRefused(client.upload(clip), 422, "video lasts 3.0 s; the longest accepted is 2.0 s");
    }

    @Test
    void aFieldBesidesFileIsRefused() throws IOException {
        byte[] clip = Files.readAllBytes(SharedData.video(SharedData.MMPOSE_DEMO));
        assertRefused(multipart(part("file", "clip.mp4", clip), part("title", null, "hello".getBytes())), 400,
                "unexpected field 'title': only 'file' and 'options' are accepted");
        assertRefused(multipart(part("file", "a.mp4", clip), part("file", "b.mp4", clip)), 400,
                "the multipart field 'file' appears 2 times; upload one file per request");
    }

    @Test
    void optionsAreRefusedNamingTheirFieldAndNothingIsKept() throws IOException {
        byte[] clip = Files.readAllBytes(Clips.write(clips.resolve("options.mp4"),
                Clips.Encoding.of("mp4", "mpeg4", 64, 48), 2, i -> Clips.grey(64, 48, i)));
        assertRefused(multipart(part("file", "clip.mp4", clip), part("options", null, "{\"min_score\": 2}".getBytes())),
                400, "options.min_score: expected a number from 0 to 1, got 2");
        assertRefused(multipart(part("options", null, ("{\"lines\": [{\"name\": \"door\", \"from\": [0, 10], "
                + "\"to\": [100, 10]}]}").getBytes()), part("file", "clip.mp4", clip)), 400,
                "options.lines[0].to: (100.0, 10.0) is outside the 64x48 frame");
        assertRefused(multipart(part("file", "clip.mp4", clip), part("options", null, "{}".getBytes()),
                part("options", null, "{}".getBytes())), 400,
                "the multipart field 'options' appears 2 times; give all options in one JSON object");
    }

    @Test
    void theOptionsAnUploadCameWithAreKeptWithItsTask() throws Exception {
        byte[] clip = Files.readAllBytes(Clips.write(clips.resolve("with-options.mp4"),
                Clips.Encoding.of("mp4", "mpeg4", 64, 48), 2, i -> Clips.grey(64, 48, i)));
        HttpResponse<String> accepted = multipart(part("options", null, ("{\"classes\": [\"car\", \"person\"], "
                + "\"pose\": false, \"zones\": [{\"name\": \"all\", \"polygon\": [[0, 0], [64, 0], [64, 48]]}]}")
                .getBytes()), part("file", "clip.mp4", clip));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        String taskId = JSON.readTree(accepted.body()).get("task_id").asText();
        try {
            assertThat(JSON.readTree(client.get("/tasks/" + taskId).body()).get("options")).isEqualTo(JSON.readTree(
                    "{\"classes\":[\"person\",\"car\"],\"pose\":false,\"zones\":[{\"name\":\"all\","
                            + "\"polygon\":[[0.0,0.0],[64.0,0.0],[64.0,48.0]]}]}"));
            assertThat(JSON.readTree(client.get("/status/" + taskId).body()).get("options").get("pose").asBoolean())
                    .isFalse();
        } finally {
            HttpRequest delete = HttpRequest.newBuilder(URI.create(baseUrl + "/tasks/" + taskId)).DELETE().build();
            assertThat(HTTP.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFileNameWithDirectoriesAndControlCharactersNeverReachesTheFileSystem() throws Exception {
        byte[] clip = Files.readAllBytes(Clips.write(clips.resolve("small.mp4"),
                Clips.Encoding.of("mp4", "mpeg4", 64, 48), 2, i -> Clips.grey(64, 48, i)));
        HttpResponse<String> accepted = client.upload("file", "../../../evil\u0007dir/..\\sneaky\u0001.mp4", clip);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        String taskId = JSON.readTree(accepted.body()).get("task_id").asText();
        try {
            assertThat(JSON.readTree(client.get("/tasks/" + taskId).body()).get("file_name").asText())
                    .isEqualTo("sneaky.mp4");
            try (Stream<Path> everything = Files.walk(dataDir)) {
                assertThat(everything.map(path -> path.getFileName().toString()))
                        .noneMatch(name -> name.contains("sneaky") || name.contains("evil"));
            }
            Path jobsDir = dataDir.resolve("jobs");
            assertThat(jobsDir.resolve("../../../evil\u0007dir").normalize()).doesNotExist();
            assertThat(jobsDir.resolve("../../../sneaky\u0001.mp4").normalize()).doesNotExist();
            try (Stream<Path> jobs = Files.list(dataDir.resolve("jobs"))) {
                assertThat(jobs.map(path -> path.getFileName().toString())).containsExactly(taskId + ".mp4");
            }
        } finally {
            HttpRequest delete = HttpRequest.newBuilder(URI.create(baseUrl + "/tasks/" + taskId)).DELETE().build();
            assertThat(HTTP.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        assertNothingLeftBehind();
    }

    @Test
    void unknownAndMalformedTaskIds() {
        HttpResponse<String> unknown = client.get("/status/" + TopicNames.newTaskId());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"message\":\"no task ");

        HttpResponse<String> malformed = client.get("/result/..%2F..%2Fetc%2Fpasswd");
        assertThat(malformed.statusCode()).isIn(400, 404);
        assertThat(malformed.body()).startsWith("{").doesNotContain("Exception");

        HttpResponse<String> notUuid = client.get("/status/abc");
        assertThat(notUuid.statusCode()).isEqualTo(400);
        assertThat(notUuid.body()).contains("not a task id (expected a lower-case UUID): abc");
    }

    private static byte[] bytes(String extension, Mat image) {
        try (var buffer = new BytePointer()) {
            opencv_imgcodecs.imencode(extension, image, buffer);
            return buffer.getStringBytes();
        }
    }

    private static byte[] part(String name, String fileName, byte[] content) {
        String disposition = "Content-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"");
        var part = new java.io.ByteArrayOutputStream();
        part.writeBytes((disposition + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes());
        part.writeBytes(content);
        return part.toByteArray();
    }

    private static HttpResponse<String> multipart(byte[]... parts) {
        String boundary = "stride-" + java.util.UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(("--" + boundary + "\r\n").getBytes());
            body.writeBytes(part);
            body.writeBytes("\r\n".getBytes());
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes());
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/upload"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"status\":" + status).contains("\"message\":\"" + message + "\"");
        assertNothingLeftBehind();
    }

    private static void assertNothingLeftBehind() {
        Set<String> topics = broker.topics();
        assertThat(topics).allMatch(t -> !t.startsWith("raw_frames_") && !t.startsWith("yolox_")
                && !t.startsWith("bytetrack_") && !t.startsWith("rtmpose_"));
        Path jobs = dataDir.resolve("jobs");
        if (Files.isDirectory(jobs)) {
            try (Stream<Path> files = Files.list(jobs)) {
                assertThat(files).isEmpty();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
