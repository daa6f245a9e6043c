package io.stride.backend.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.Backend;
import io.stride.backend.testing.StagelessBackend;
import io.stride.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The body of an upload is read once, as it arrives, straight into the jobs volume (no spool file and second copy);
 * what can be refused without it is answered before it is read, and a client that sends
 * {@code Expect: 100-continue} then sends none of it.
 */
class UploadStreamingTest {

    private static final int MAX_UPLOAD_BYTES = 1024 * 1024;
    private static final int MAX_CONCURRENT = 2;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final StagelessBackend stageless = new StagelessBackend("--stride.backend.max-tasks-in-flight=64",
            "--spring.servlet.multipart.max-file-size=" + MAX_UPLOAD_BYTES + "B",
            "--spring.servlet.multipart.max-request-size=" + MAX_UPLOAD_BYTES + "B",
            "--stride.upload.max-concurrent=" + MAX_CONCURRENT, "--stride.upload.busy-retry-after=3s");

    @Test
    void theBodyGoesStraightToTheJobsVolumeAsItArrives() throws Exception {
        byte[] clip = Files.readAllBytes(SharedData.video(SharedData.MMPOSE_DEMO));
        int half = clip.length / 2;
        long length = RawUpload.length("clip.mp4", clip.length);
        try (var upload = RawUpload.withLength(stageless.backend().port(), length, true)) {
            upload.send(RawUpload.head("clip.mp4"));
            upload.send(Arrays.copyOf(clip, half));

            // The parser holds back no more than a boundary's length, in case the bytes are the boundary.
            Path stored = awaitJobs(jobs -> jobs.size() == 1 && size(jobs.get(0)) > half - 100).get(0);
            assertThat(size(stored)).isLessThanOrEqualTo(half);

            upload.send(Arrays.copyOfRange(clip, half, clip.length));
            upload.send(RawUpload.tail());
            RawUpload.Answer answer = upload.answer();

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.continued()).as("100 Continue before the body").isTrue();
            String taskId = Backend.JSON.readTree(answer.body()).path("task_id").asText();
            assertThat(stored.getFileName().toString()).isEqualTo(taskId + ".mp4");
            assertThat(Files.readAllBytes(stored)).isEqualTo(clip);
            stageless.backend().delete("/tasks/" + taskId);
        }
    }

    @Test
    void anUploadDeclaredOverTheSizeLimitIs413BeforeItsBodyIsSent() throws Exception {
        try (var upload = RawUpload.withLength(stageless.backend().port(), MAX_UPLOAD_BYTES + 1L, true)) {
            RawUpload.Answer answer = upload.answer();

            assertRefused(answer, 413, "the upload exceeds the size limit of " + MAX_UPLOAD_BYTES + " bytes");
        }
    }

    @Test
    void aChunkedUploadThatGrowsOverTheSizeLimitIs413AndLeavesNothing() throws Exception {
        try (var upload = RawUpload.chunked(stageless.backend().port())) {
            upload.sendChunk(RawUpload.head("endless.mp4"));
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent <= MAX_UPLOAD_BYTES; sent += chunk.length) {
                upload.sendChunk(chunk);
            }
            upload.sendChunk(RawUpload.tail());
            upload.endChunks();

            assertRefused(upload.answer(), 413, "the upload exceeds the size limit of " + MAX_UPLOAD_BYTES + " bytes");
        }
    }

    @Test
    void anUploadBeyondTheConcurrentLimitIs503BeforeItsBodyIsSent() throws Exception {
        byte[] clip = Files.readAllBytes(SharedData.video(SharedData.MMPOSE_DEMO));
        long length = RawUpload.length("clip.mp4", clip.length);
        try (var first = RawUpload.withLength(stageless.backend().port(), length, false);
             var second = RawUpload.withLength(stageless.backend().port(), length, false)) {
            for (RawUpload receiving : List.of(first, second)) {
                receiving.send(RawUpload.head("clip.mp4"));
                receiving.send(Arrays.copyOf(clip, clip.length / 2));
            }
            awaitJobs(jobs -> jobs.size() == MAX_CONCURRENT);

            try (var third = RawUpload.withLength(stageless.backend().port(), length, true)) {
                RawUpload.Answer answer = third.answer();

                assertThat(answer.status()).as(answer.body()).isEqualTo(503);
                assertThat(answer.continued()).as("100 Continue, asking for the body").isFalse();
                assertThat(answer.headers()).containsEntry("retry-after", "3");
                assertThat(Backend.JSON.readTree(answer.body()).path("message").asText()).isEqualTo("the backend is "
                        + "receiving 2 uploads, the most it takes at once; try again later");
                assertThat(stageless.backend().jobs()).hasSize(MAX_CONCURRENT);
            }
        }
        awaitJobs(List::isEmpty); // the two cut short are removed, and their slots are free again

        String taskId = stageless.backend().upload(SharedData.video(SharedData.MMPOSE_DEMO));
        JsonNode status = stageless.backend().status(taskId);
        assertThat(status.path("status").asText()).isEqualTo("running");
        stageless.backend().delete("/tasks/" + taskId);
    }

    private static void assertRefused(RawUpload.Answer answer, int status, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.continued()).as("100 Continue, asking for the body").isFalse();
        assertThat(Backend.JSON.readTree(answer.body()).path("message").asText()).isEqualTo(message);
        assertThat(stageless.backend().jobs()).as("nothing stored").isEmpty();
    }

    private static List<Path> awaitJobs(Predicate<List<Path>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<Path> jobs = stageless.backend().jobs();
        while (!condition.test(jobs) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            jobs = stageless.backend().jobs();
        }
        assertThat(condition).as("the jobs directory: %s", jobs).accepts(jobs);
        return jobs;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1; // removed meanwhile
        }
    }
}
