package io.stride.backend.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.StagelessBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twenty clients start 200 MB uploads at once against a limit of four: four are received, sixteen are refused
 * before their bodies are read, and the host's disk holds only what the four sent.
 */
class UploadFloodTest {

    private static final int MAX_CONCURRENT = 4;
    private static final int CLIENTS = 20;
    private static final long DECLARED_BYTES = 200L * 1024 * 1024;
    /** What each client sends of its body before waiting: enough to start the upload, far from all of it. */
    private static final int SENT_BYTES = 256 * 1024;
    private static final Duration REFUSAL_WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final StagelessBackend stageless = new StagelessBackend("--spring.servlet.multipart.max-file-size=300MB",
            "--spring.servlet.multipart.max-request-size=300MB",
            "--stride.upload.max-concurrent=" + MAX_CONCURRENT);

    @Test
    void beyondTheLimitUploadsAreRefusedBeforeTheirBodiesAndStoreNothing() throws Exception {
        List<RawUpload> uploads = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int i = 0; i < CLIENTS; i++) {
                RawUpload upload = RawUpload.withLength(stageless.backend().port(),
                        RawUpload.length("big.mp4", DECLARED_BYTES), false);
                uploads.add(upload);
                sendQuietly(upload, RawUpload.head("big.mp4"));
                sendQuietly(upload, new byte[SENT_BYTES]);
            }
            List<CompletableFuture<RawUpload.Answer>> answers = uploads.stream()
                    .map(upload -> CompletableFuture.supplyAsync(() -> answerOf(upload), readers)).toList();

            long deadline = System.nanoTime() + REFUSAL_WAIT.toNanos();
            while (answers.stream().filter(CompletableFuture::isDone).count() < CLIENTS - MAX_CONCURRENT
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            int refused = 0;
            int receiving = 0;
            for (CompletableFuture<RawUpload.Answer> answer : answers) {
                if (!answer.isDone()) {
                    receiving++; // no answer: the server is waiting for the rest of its body
                    continue;
                }
                RawUpload.Answer got = answer.get();
                assertThat(got.status()).as(got.body()).isEqualTo(503);
                assertThat(got.headers()).containsKey("retry-after");
                refused++;
            }

            assertThat(receiving).isEqualTo(MAX_CONCURRENT);
            assertThat(refused).isEqualTo(CLIENTS - MAX_CONCURRENT);
            List<Path> stored = stageless.backend().jobs();
            assertThat(stored).hasSize(MAX_CONCURRENT);
            for (Path file : stored) {
                assertThat(Files.size(file)).isLessThanOrEqualTo(SENT_BYTES);
            }
        } finally {
            for (RawUpload upload : uploads) {
                upload.close();
            }
            readers.shutdownNow();
        }
    }

    /** A refused client's connection may be closed before it has sent everything: that is the point. */
    private static void sendQuietly(RawUpload upload, byte[] bytes) {
        try {
            upload.send(bytes);
        } catch (IOException e) {
            // refused and closed
        }
    }

    private static RawUpload.Answer answerOf(RawUpload upload) {
        try {
            return upload.answer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
