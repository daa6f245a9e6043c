package io.stride.annotation.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.stride.annotation.DeployedServiceFixture;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.frame.TrackedObject;
import io.stride.core.image.JpegCodec;
import io.stride.core.topic.Stage;
import io.stride.core.topic.TopicNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The service as deployed, watched through {@code GET /preview/{task_id}}: frames put on the task's rtmpose topic
 * come out of the stream as annotated JPEGs, and the stream ends once the task has no new frame.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "stride.preview.idle-timeout=2s", "stride.preview.max-fps=100",
                "stride.rtsp.enabled=false", "stride.rtsp.embedded.enabled=false"})
@EmbeddedKafka(partitions = 1, brokerProperties = "group.initial.rebalance.delay.ms=0")
class PreviewStreamTest extends DeployedServiceFixture {

    private static final int FPS = 25;
    private static final long FRAME_MICROS = 40_000;
    /** Frames sent at most, a minute's worth: the stage normally finds the task within seconds. */
    private static final long MAX_FRAMES = 1_500;
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final BgrPixel GREY = new BgrPixel(110, 120, 130);
    /** JPEG changes a flat grey by a few levels at most; a drawn box line differs far more. */
    private static final int DRAWN_DIFFERENCE = 40;

    @Test
    @Timeout(180)
    void streamsTheAnnotatedFramesOfARunningTaskAndEndsWhenItHasNoMore() throws Exception {
        String taskId = TopicNames.newTaskId();
        var watched = new AtomicBoolean();
        CompletableFuture<Long> published = CompletableFuture.supplyAsync(() -> publishFramesUntil(taskId, watched));

        // Like the page: a stream that ends before the stage's first frame (it is still finding the new topic)
        // is opened again.
        List<byte[]> parts = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (parts.isEmpty() && System.nanoTime() < deadline) {
            HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/preview/" + taskId))
                            .header("Origin", "http://page.example:8080").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type").orElseThrow())
                    .isEqualTo("multipart/x-mixed-replace;boundary=stride-frame");
            assertThat(stream.headers().firstValue("Access-Control-Allow-Origin"))
                    .contains("http://page.example:8080");
            // Returns once the stream ends: the idle timeout after the last frame.
            parts = readParts(stream.body(), () -> watched.set(true));
        }
        long frames = published.get(60, TimeUnit.SECONDS);

        assertThat(parts).isNotEmpty().hasSizeLessThanOrEqualTo((int) frames);
        try (Mat last = JpegCodec.decode(parts.get(parts.size() - 1))) {
            assertThat(last.cols()).isEqualTo(WIDTH);
            assertThat(last.rows()).isEqualTo(HEIGHT);
            // The track box's left edge, at x = 40, is drawn; the far corner is not.
            assertThat(pixel(last, 40, 140).distance(GREY)).isGreaterThan(DRAWN_DIFFERENCE);
            assertThat(pixel(last, 300, 10).distance(GREY)).isLessThan(DRAWN_DIFFERENCE);
        }
    }

    @Test
    void refusesWhatIsNotATaskId() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/preview/not-a-task")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
    }

    /** A frame every 40 ms, as a running task's frames come, until a viewer saw one; returns the frames sent. */
    private long publishFramesUntil(String taskId, AtomicBoolean watched) {
        byte[] jpeg = greyJpeg();
        try (var producer = frameProducer()) {
            long frames = 0;
            while (!watched.get() && frames < MAX_FRAMES) {
                FrameRecord frame = FrameRecord.frame(taskId, frames, frames * FRAME_MICROS, FPS, WIDTH, HEIGHT, jpeg)
                        .withTracks(List.of(new TrackedObject(1, new BoundingBox(40, 60, 140, 220), 0.9f, 0)));
                producer.send(new ProducerRecord<>(Stage.RTMPOSE.topic(taskId), FrameRecordCodec.encode(frame))).get();
                frames++;
                Thread.sleep(FRAME_MICROS / 1000);
            }
            producer.send(new ProducerRecord<>(Stage.RTMPOSE.topic(taskId), FrameRecordCodec.encode(
                    FrameRecord.endOfStream(taskId, frames, FPS, WIDTH, HEIGHT)))).get();
            return frames;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every JPEG of the multipart stream until the server ends it. */
    private static List<byte[]> readParts(InputStream in, Runnable onPart) throws IOException {
        List<byte[]> parts = new ArrayList<>();
        try (in) {
            String line;
            int length = -1;
            while ((line = readLine(in)) != null) {
                if (line.startsWith("Content-Length:")) {
                    length = Integer.parseInt(line.substring("Content-Length:".length()).strip());
                } else if (line.isEmpty() && length >= 0) {
                    parts.add(in.readNBytes(length));
                    onPart.run();
                    length = -1;
                }
            }
        }
        return parts;
    }

    private static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    private record BgrPixel(int b, int g, int r) {
        int distance(BgrPixel other) {
            return Math.max(Math.abs(b - other.b), Math.max(Math.abs(g - other.g), Math.abs(r - other.r)));
        }
    }

    private static BgrPixel pixel(Mat image, int x, int y) {
        try (UByteIndexer indexer = image.createIndexer()) {
            return new BgrPixel(indexer.get(y, x, 0), indexer.get(y, x, 1), indexer.get(y, x, 2));
        }
    }

    private static byte[] greyJpeg() {
        try (Scalar grey = new Scalar(GREY.b(), GREY.g(), GREY.r(), 0);
             Mat image = new Mat(HEIGHT, WIDTH, CV_8UC3, grey)) {
            return JpegCodec.encode(image, 90);
        }
    }
}
