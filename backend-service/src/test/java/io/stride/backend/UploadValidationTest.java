package io.stride.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.testing.SharedData;
import io.stride.core.testing.StrideClient;
import io.stride.core.testing.TestBroker;
import io.stride.core.topic.TopicNames;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Bad uploads get a precise 4xx JSON answer and leave no file and no topic behind. */
class UploadValidationTest {

    @TempDir
    static Path dataDir;

    private static TestBroker broker;
    private static ConfigurableApplicationContext backend;
    private static StrideClient client;

    @BeforeAll
    static void startBackend() {
        broker = new TestBroker();
        backend = new SpringApplicationBuilder(BackendApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--server.port=0",
                "--stride.storage.jobs-dir=" + dataDir.resolve("jobs"),
                "--stride.storage.results-dir=" + dataDir.resolve("results"));
        int port = ((WebServerApplicationContext) backend).getWebServer().getPort();
        client = new StrideClient("http://localhost:" + port);
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
