package io.stride.backend.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.Backend;
import io.stride.backend.testing.TaskEventsBroker;
import io.stride.core.task.TaskEvent;
import io.stride.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The stall watchdog against a real broker, with no stage running (the test publishes the stages' events): a task
 * whose every frame was annotated and whose result files are in place completes even though its {@code COMPLETED}
 * never arrived, and one whose files are not there fails, saying what happened.
 */
class StallWatchdogTest {

    private static final int FRAMES = 5;
    private static final String[] SHORT_STALL = {"--stride.backend.stall-timeout=2s",
            "--stride.backend.stall-check-interval=200ms", "--stride.backend.max-frames-ahead=1000"};

    @TempDir
    Path dataDir;

    @RegisterExtension
    static final TaskEventsBroker kafka = new TaskEventsBroker();

    @Test
    void aTaskWhoseResultIsInPlaceCompletesWithoutItsCompletedEvent() throws Exception {
        try (Backend backend = kafka.startBackend(dataDir, SHORT_STALL)) {
            String taskId = backend.upload(SharedData.video(SharedData.MMPOSE_DEMO));
            awaitDecoded(backend, taskId);
            annotateEveryFrame(taskId);
            Path results = Files.createDirectories(dataDir.resolve("results"));
            Files.write(results.resolve(taskId + ".mp4"), new byte[] {1});
            Files.write(results.resolve(taskId + ".jsonl"), List.of("{}", "{}", "{}", "{}", "{}"));

            JsonNode end = backend.awaitStatus(taskId, "completed");

            assertThat(end.path("progress").asText()).isEqualTo("100%");
            assertThat(end.has("error")).isFalse();
        }
    }

    @Test
    void aTaskWhoseEveryFrameWasAnnotatedButWhoseResultIsMissingFailsSayingSo() throws Exception {
        try (Backend backend = kafka.startBackend(dataDir, SHORT_STALL)) {
            String taskId = backend.upload(SharedData.video(SharedData.MMPOSE_DEMO));
            awaitDecoded(backend, taskId);
            annotateEveryFrame(taskId);

            JsonNode end = backend.awaitStatus(taskId, "failed");

            assertThat(end.path("error").asText()).startsWith(TaskState.UNREPORTED_RESULT);
        }
    }

    private static void annotateEveryFrame(String taskId) {
        for (String stage : TaskSnapshot.STAGES) {
            kafka.events().publishAndWait(TaskEvent.progress(taskId, stage, FRAMES));
        }
    }

    private static void awaitDecoded(Backend backend, String taskId) throws InterruptedException {
        for (int i = 0; i < 300 && !backend.bean(TaskRegistry.class).isDecoded(taskId); i++) {
            Thread.sleep(100);
        }
        assertThat(backend.bean(TaskRegistry.class).isDecoded(taskId)).as("decoded").isTrue();
    }
}
