package io.stride.backend.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.Backend;
import io.stride.core.testing.SharedData;
import io.stride.core.testing.TestBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full task queue refuses an upload with 503 and Retry-After before its body is read, so nothing is stored. */
class UploadQueueFullTest {

    @TempDir
    Path dataDir;

    @Test
    void aFullQueueIsRefusedBeforeTheBodyIsSent() throws Exception {
        Path clip = SharedData.video(SharedData.MMPOSE_DEMO);
        try (TestBroker broker = new TestBroker();
             Backend backend = Backend.start(broker, dataDir, "--stride.backend.max-tasks-in-flight=1",
                     "--stride.backend.max-queued-tasks=1", "--stride.backend.queue-full-retry-after=7s")) {
            String running = backend.upload(clip);
            String queued = backend.upload(clip);
            backend.awaitStatus(queued, "queued");

            try (var refused = RawUpload.withLength(backend.port(), RawUpload.length("clip.mp4", 1000), true)) {
                RawUpload.Answer answer = refused.answer();

                assertThat(answer.status()).as(answer.body()).isEqualTo(503);
                assertThat(answer.continued()).as("100 Continue, asking for the body").isFalse();
                assertThat(answer.headers()).containsEntry("retry-after", "7");
                assertThat(Backend.JSON.readTree(answer.body()).path("message").asText()).isEqualTo("the backend is "
                        + "busy: 1 tasks are running and 1 are queued, the most it accepts; try again later");
            }
            assertThat(backend.jobs()).extracting(path -> path.getFileName().toString())
                    .containsExactlyInAnyOrder(running + ".mp4", queued + ".mp4");
        }
    }
}
