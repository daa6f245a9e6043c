package io.stride.backend.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.Backend;
import io.stride.core.testing.SharedData;
import io.stride.core.testing.TestBroker;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** An upload cut short (its index says 314 frames, 20 are there) is decoded as far as it goes, and says so. */
class TruncatedUploadTest {

    private static final int KEPT_BYTES = 300 * 1024;
    private static final Duration DECODE_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void theStatusWarnsThatTheInputWasTruncated() throws Exception {
        Path cut = dataDir.resolve("cut.mp4");
        try (InputStream whole = Files.newInputStream(SharedData.video(SharedData.PEOPLE_WALKING))) {
            Files.write(cut, whole.readNBytes(KEPT_BYTES));
        }
        try (TestBroker broker = new TestBroker();
             Backend backend = Backend.start(broker, dataDir, "--stride.backend.max-frames-ahead=1000")) {
            String taskId = backend.upload(cut);

            JsonNode status = awaitWarning(backend, taskId);
            assertThat(status.path("warning").asText())
                    .matches("input truncated or damaged: decoded \\d+ of 314 frames \\(\\d\\.\\d s of 10\\.5 s\\)");
            int decoded = Integer.parseInt(status.path("warning").asText().replaceAll(".*decoded (\\d+) of.*", "$1"));
            assertThat(decoded).isBetween(1, 60);
            assertThat(status.path("status").asText()).isEqualTo("running");
        }
    }

    private static JsonNode awaitWarning(Backend backend, String taskId) throws InterruptedException {
        long deadline = System.nanoTime() + DECODE_WAIT.toNanos();
        JsonNode status = backend.status(taskId);
        while (!status.has("warning") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = backend.status(taskId);
        }
        assertThat(status.has("warning")).as(status.toString()).isTrue();
        return status;
    }
}
