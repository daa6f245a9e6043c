package io.stride.annotation.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.annotation.output.H264Mp4Writer;
import io.stride.annotation.output.H264Settings;
import io.stride.core.security.AccessPolicy;
import io.stride.core.security.SecurityProperties;
import io.stride.core.result.ResultFiles;
import io.stride.core.testing.SharedData;
import io.stride.core.topic.TopicNames;
import io.stride.rtsp.PublisherSecret;
import io.stride.rtsp.RtspServer;
import io.stride.rtsp.RtspServerSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With an operator key set, the embedded server wired as the service wires it: the service's own live publisher
 * and its replays get in with the process's publisher secret, a player with the task's read token (as the backend's
 * {@code stream_url} carries it) sees the task, and a player without it, or with another task's, is refused.
 * A real clip, scaled down so the test stays fast.
 */
class LiveStreamingWithAccessTest {

    private static final AccessPolicy ACCESS = AccessPolicy.of(
            new SecurityProperties("s3cret key", "", Duration.ofHours(1)), Clock.systemUTC());
    private static final PublisherSecret SECRET = PublisherSecret.random();
    private static final int WIDTH = 320;
    private static final int HEIGHT = 180;
    private static final int FRAMES = 45;
    private static final double FPS = 29.97;
    private static final H264Settings ENCODING = new H264Settings("veryfast", 23, 1.0);
    private static final long FRAME_GAP_MILLIS = 30;
    /**
     * Short: JavaCV's FFmpegFrameGrabber.start() holds a lock global to the JVM, so the replay's own grabber
     * cannot start while this test's player waits in DESCRIBE; the player's retry then finds the replay live.
     */
    private static final Duration PUBLISHER_WAIT = Duration.ofSeconds(1);
    private static final String UNAUTHORIZED = "error " + avutil.AVERROR_HTTP_UNAUTHORIZED();

    @TempDir
    static Path results;

    private static RtspServer server;
    private static RtspProperties properties;
    private static PublishUrls urls;
    private static List<Mat> clip;

    @BeforeAll
    static void start() throws Exception {
        server = new RtspServer(RtspServerSettings.loopbackEphemeral().withPublisherWait(PUBLISHER_WAIT),
                path -> TopicNames.isTaskId(path.substring(1)), LiveStreamingConfiguration.streamAccess(ACCESS, SECRET));
        server.start();
        properties = new RtspProperties(true, "rtsp://127.0.0.1:" + server.port(), 9000, true, Duration.ofSeconds(1),
                new RtspProperties.Embedded(true, server.port(), "127.0.0.1", PUBLISHER_WAIT));
        urls = PublishUrls.withPublisherSecret(properties, SECRET);
        server.setMissingPathHandler(
                new ReplayPublisher(new ResultFiles(results), urls, properties.replayLeadIn())::startPublisher);
        clip = decodeScaled(SharedData.video(SharedData.PEOPLE_WALKING), FRAMES);
    }

    @AfterAll
    static void stop() {
        server.close();
        clip.forEach(Mat::close);
    }

    @Test
    void liveStreamPublishesWithTheSecretAndOnlyAPlayerWithTheTasksTokenSeesIt() throws Exception {
        String task = TopicNames.newTaskId();
        try (H264Mp4Writer writer = H264Mp4Writer.open(results.resolve("running-" + task + ".mp4"), WIDTH, HEIGHT,
                FPS, ENCODING)) {
            LiveStream live = LiveStream.start(urls.of(task), writer.streamFormat(), 9000);
            writer.streamTo(live);
            int written = 0;
            while (!server.isLive("/" + task) && written < FRAMES) {
                writer.write(clip.get(written++));
                Thread.sleep(FRAME_GAP_MILLIS);
            }
            assertThat(server.isLive("/" + task)).as("the service's publisher got in with its secret").isTrue();

            assertThatThrownBy(() -> framesRead(properties.urlOf(task), 1)).hasMessageContaining(UNAUTHORIZED);
            String otherTasksToken = ACCESS.tokenFor(TopicNames.newTaskId()).orElseThrow();
            assertThatThrownBy(() -> framesRead(properties.urlOf(task) + "?token=" + otherTasksToken, 1))
                    .hasMessageContaining(UNAUTHORIZED);
            assertThatThrownBy(() -> framesRead(urls.of(task), 1)).as("the publisher secret does not read")
                    .hasMessageContaining("error");
            CompletableFuture<Integer> withKey = CompletableFuture.supplyAsync(
                    () -> framesReadOrFail(playerUrl(task), 5));
            awaitReaders(1);
            while (written < FRAMES) {
                writer.write(clip.get(written++));
            }
            writer.finish();

            assertThat(withKey.get(30, TimeUnit.SECONDS)).isEqualTo(5);
            assertThat(live.awaitEnd(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aPublisherWithoutTheSecretIsRefused() throws Exception {
        String task = TopicNames.newTaskId();
        try (H264Mp4Writer writer = H264Mp4Writer.open(results.resolve("running-" + task + ".mp4"), WIDTH, HEIGHT,
                FPS, ENCODING)) {
            String readerToken = ACCESS.tokenFor(task).orElseThrow();
            LiveStream live = LiveStream.start(properties.urlOf(task) + "?token=" + readerToken, writer.streamFormat(),
                    9000);
            writer.streamTo(live);
            for (int written = 0; written < FRAMES / 3; written++) {
                writer.write(clip.get(written));
                Thread.sleep(FRAME_GAP_MILLIS);
                assertThat(server.isLive("/" + task)).isFalse();
            }
            writer.finish();
            assertThat(live.awaitEnd(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(server.isLive("/" + task)).isFalse();
    }

    @Test
    void finishedTaskIsReplayedToAPlayerWithTheTasksToken() throws Exception {
        String task = TopicNames.newTaskId();
        try (H264Mp4Writer writer = H264Mp4Writer.open(new ResultFiles(results).video(task), WIDTH, HEIGHT, FPS,
                ENCODING)) {
            for (Mat frame : clip) {
                writer.write(frame);
            }
            writer.finish();
        }

        assertThatThrownBy(() -> framesRead(properties.urlOf(task), 1)).hasMessageContaining(UNAUTHORIZED);
        // The whole clip: the last packets, read with the publisher's TEARDOWN, still reach the player.
        assertThat(framesReadWithRetries(task, 3)).isEqualTo(FRAMES);
    }

    private static String playerUrl(String task) {
        return properties.urlOf(task) + "?token=" + ACCESS.tokenFor(task).orElseThrow();
    }

    /**
     * Like a player, retries after a 404 while the replay is starting; before retrying it waits for the replay to
     * go live (within its lead-in), since this JVM's player holds JavaCV's global lock while it waits in DESCRIBE
     * and an immediate retry would keep the replay's own grabber from starting.
     */
    private static int framesReadWithRetries(String task, int attempts) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return framesRead(playerUrl(task), Integer.MAX_VALUE);
            } catch (Exception e) {
                if (attempt == attempts) {
                    throw e;
                }
                awaitLive(task);
            }
        }
    }

    private static void awaitLive(String task) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.isLive("/" + task) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void awaitReaders(int readers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.statistics().readers() < readers && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.statistics().readers()).isGreaterThanOrEqualTo(readers);
    }

    private static int framesReadOrFail(String url, int frames) {
        try {
            return framesRead(url, frames);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plays the URL like ffplay would and counts decoded frames until {@code frames} or the end. */
    private static int framesRead(String url, int frames) throws Exception {
        try (var grabber = new FFmpegFrameGrabber(url)) {
            grabber.setOption("rtsp_transport", "tcp");
            grabber.setOption("timeout", "5000000");
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(WIDTH);
            int seen = 0;
            while (seen < frames && grabber.grabImage() != null) {
                seen++;
            }
            return seen;
        }
    }

    private static List<Mat> decodeScaled(Path video, int frames) throws Exception {
        List<Mat> images = new ArrayList<>();
        try (var grabber = new FFmpegFrameGrabber(video.toFile()); var converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            while (images.size() < frames) {
                var scaled = new Mat();
                opencv_imgproc.resize(converter.convert(grabber.grabImage()), scaled, new Size(WIDTH, HEIGHT));
                images.add(scaled);
            }
        }
        return images;
    }
}
