package io.stride.annotation.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.annotation.output.H264Mp4Writer;
import io.stride.annotation.output.H264Settings;
import io.stride.core.result.ResultFiles;
import io.stride.core.security.AccessPolicy;
import io.stride.core.security.SecurityProperties;
import io.stride.core.testing.SharedData;
import io.stride.core.topic.TopicNames;
import io.stride.rtsp.RtspServer;
import io.stride.rtsp.RtspServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real clip encoded once, written to its MP4 at full speed and restreamed live through the embedded RTSP
 * server, read back by FFmpeg as a player would: over TCP and UDP, at the clip's own rate, by several
 * players at once, and replayed from the MP4 after the task finished.
 */
class LiveStreamingTest {

    private static final int FRAMES = 100;
    private static final double FPS = 29.97;
    private static final H264Settings ENCODING = new H264Settings("veryfast", 23, 1.0);

    @TempDir
    static Path results;

    private static RtspServer server;
    private static RtspProperties properties;
    private static List<Mat> clip;

    @BeforeAll
    static void start() throws Exception {
        server = new RtspServer(RtspServerSettings.defaults().withBindHost("127.0.0.1").withPort(0)
                .withPublisherWait(java.time.Duration.ofSeconds(5)), path -> TopicNames.isTaskId(path.substring(1)));
        server.start();
        properties = new RtspProperties(true, "rtsp://127.0.0.1:" + server.port(), 9000, true, java.time.Duration.ofSeconds(1),
                new RtspProperties.Embedded(true, server.port(), "127.0.0.1", java.time.Duration.ofSeconds(5)));
        var urls = new PublishUrls(properties,
                AccessPolicy.of(new SecurityProperties("", "", Duration.ofHours(24)), Clock.systemUTC()));
        server.setMissingPathHandler(new ReplayPublisher(new ResultFiles(results), urls, properties.replayLeadIn())
                ::startPublisher);
        clip = decode(SharedData.video(SharedData.PEOPLE_WALKING), FRAMES);
    }

    @AfterAll
    static void stop() {
        server.close();
        clip.forEach(Mat::close);
    }

    @Test
    void playersOverTcpAndUdpSeeTheStreamAtTheClipsOwnRateWhileTheMp4IsWrittenAtFullSpeed() throws Exception {
        String task = TopicNames.newTaskId();
        // Written beside the results, as the annotation service writes a running task's .part file: a running
        // task is not replayed.
        Path mp4 = results.resolve("running-" + task + ".mp4");
        try (H264Mp4Writer writer = H264Mp4Writer.open(mp4, 1280, 720, FPS, ENCODING)) {
            LiveStream live = LiveStream.start(properties.urlOf(task), writer.streamFormat(), 9000);
            writer.streamTo(live);
            int written = 0;
            while (!server.isLive("/" + task)) {
                writer.write(clip.get(written++));
                Thread.sleep(30);
            }
            int remaining = FRAMES - written;
            CompletableFuture<Reading> tcp = CompletableFuture.supplyAsync(() -> read(task, "tcp", FRAMES));
            CompletableFuture<Reading> udp = CompletableFuture.supplyAsync(() -> read(task, "udp", 5));
            awaitPlayingReaders(2);
            long writing = System.nanoTime();
            while (written < FRAMES) {
                writer.write(clip.get(written++));
            }
            writer.finish();
            long finished = System.nanoTime();
            double writeSeconds = (finished - writing) / 1e9;

            Reading overTcp = tcp.get(60, TimeUnit.SECONDS);
            Reading overUdp = udp.get(60, TimeUnit.SECONDS);
            assertThat(overTcp.width).isEqualTo(1280);
            assertThat(overTcp.height).isEqualTo(720);
            // A player joining a live stream starts at its next keyframe: at most one GOP (1 s) is missed.
            assertThat(overTcp.frames).isGreaterThanOrEqualTo(remaining - 31);
            assertThat(overUdp.frames).isGreaterThanOrEqualTo(5);
            assertThat(overUdp.width).isEqualTo(1280);
            if (writeSeconds < remaining / FPS) {
                // Encoding ran faster than real time: the MP4 was complete while the paced stream still played.
                assertThat(finished).isLessThan(overTcp.lastFrameAt);
            }
            // Paced at the clip's own rate, the last frame cannot reach the player before the clip's remaining
            // duration has passed since the writer started on it; a player that lags (a loaded machine) only
            // receives it later. The rate between arrivals is no measure: a lagging player catches up in a burst.
            double realTimeSeconds = (remaining - 1) / FPS;
            assertThat((overTcp.lastFrameAt - writing) / 1e9).as("seconds until the TCP player saw the last frame")
                    .isGreaterThanOrEqualTo(realTimeSeconds * 0.9);
            assertThat(live.awaitEnd(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.size(mp4)).isPositive();
    }

    @Test
    void theStreamExistsBeforeItsFirstFrameSoAPlayerWhoAsksAtOnceSeesEveryFrame() throws Exception {
        String task = TopicNames.newTaskId();
        Path mp4 = results.resolve("running-" + task + ".mp4");
        try (H264Mp4Writer writer = H264Mp4Writer.open(mp4, 1280, 720, FPS, ENCODING)) {
            LiveStream live = LiveStream.start(properties.urlOf(task), writer.streamFormat(), 9000);
            writer.streamTo(live);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!server.isLive("/" + task) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.isLive("/" + task)).as("announced before any frame was written").isTrue();
            int frames = 40;
            CompletableFuture<Reading> tcp = CompletableFuture.supplyAsync(() -> read(task, "tcp", frames));
            awaitPlayingReaders(1);
            for (int i = 0; i < frames; i++) {
                writer.write(clip.get(i));
            }
            writer.finish();

            // Joined after the first keyframe, the player would have waited for the next one, a GOP (30 frames) on.
            assertThat(tcp.get(60, TimeUnit.SECONDS).frames).isEqualTo(frames);
            assertThat(live.awaitEnd(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aCamerasStreamGoesOutAsItComesNotHeldToItsFrameRate() throws Exception {
        String task = TopicNames.newTaskId();
        // One frame a second: paced, the frames written after the player joined would take 9 s to go out.
        double fps = 1;
        int frames = 10;
        Path mp4 = results.resolve("running-" + task + ".mp4");
        try (H264Mp4Writer writer = H264Mp4Writer.open(mp4, 1280, 720, fps, new H264Settings("veryfast", 23, 1.0))) {
            LiveStream live = LiveStream.startUnpaced(properties.urlOf(task), writer.streamFormat(), 9000);
            writer.streamTo(live);
            int written = 0;
            while (!server.isLive("/" + task)) {
                writer.write(clip.get(written++));
                Thread.sleep(30);
            }
            CompletableFuture<Reading> tcp = CompletableFuture.supplyAsync(() -> read(task, "tcp", frames));
            awaitPlayingReaders(1);
            long writing = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                writer.write(clip.get(written++));
            }
            writer.finish();

            Reading reading = tcp.get(60, TimeUnit.SECONDS);
            assertThat(reading.frames).isEqualTo(frames);
            double pacedSeconds = (frames - 1) / fps;
            assertThat((reading.lastFrameAt - writing) / 1e9).as("seconds until the player saw the last frame")
                    .isLessThan(pacedSeconds / 2);
            assertThat(live.awaitEnd(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aFinishedTaskIsReplayedFromItsMp4AndAnUnknownTaskIsNotFound() throws Exception {
        String task = TopicNames.newTaskId();
        try (H264Mp4Writer writer = H264Mp4Writer.open(new ResultFiles(results).video(task), 1280, 720, FPS, ENCODING)) {
            for (int i = 0; i < 40; i++) {
                writer.write(clip.get(i));
            }
            writer.finish();
        }

        Reading replay = readWithRetries(task, 3);
        // The whole clip: the last packets, read with the publisher's TEARDOWN, still reach the player.
        assertThat(replay.frames).isEqualTo(40);
        assertThat(replay.width).isEqualTo(1280);

        // FFmpeg reports RTSP 404 as AVERROR_HTTP_NOT_FOUND.
        assertThatThrownBy(() -> read(TopicNames.newTaskId(), "tcp", 1))
                .hasMessageContaining("error " + org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_NOT_FOUND());
    }

    private static void awaitPlayingReaders(int readers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.statistics().readers() < readers && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.statistics().readers()).isGreaterThanOrEqualTo(readers);
    }

    /**
     * Like a player, retries after a 404 while the replay is starting; before retrying it waits for the replay to
     * go live (within its lead-in), since this JVM's player holds JavaCV's global lock while it waits in DESCRIBE
     * and an immediate retry would keep the replay's own grabber from starting.
     */
    private static Reading readWithRetries(String task, int attempts) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return read(task, "tcp", Integer.MAX_VALUE);
            } catch (IllegalStateException e) {
                if (attempt == attempts) {
                    throw e;
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!server.isLive("/" + task) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
        }
    }

    /** @param lastFrameAt when the player decoded its last frame ({@link System#nanoTime()}) */
    private record Reading(int frames, int width, int height, long lastFrameAt) {
    }

    /** Plays the task's stream like ffplay would and counts decoded frames until {@code frames} or the end. */
    private static Reading read(String task, String transport, int frames) {
        try (var grabber = new FFmpegFrameGrabber(properties.urlOf(task))) {
            grabber.setOption("rtsp_transport", transport);
            grabber.setOption("timeout", "5000000");
            // One decoding thread: frame threading would hold back a frame per core (CI machines have many) and
            // release them all at the end, which reads as a burst the server never sent.
            grabber.setVideoOption("threads", "1");
            grabber.start();
            List<Long> arrivals = new ArrayList<>();
            while (arrivals.size() < frames && grabber.grabImage() != null) {
                arrivals.add(System.nanoTime());
            }
            int seen = arrivals.size();
            return new Reading(seen, grabber.getImageWidth(), grabber.getImageHeight(),
                    seen > 0 ? arrivals.get(seen - 1) : 0);
        } catch (Exception e) {
            throw new IllegalStateException(transport + " player: " + e.getMessage(), e);
        }
    }

    private static List<Mat> decode(Path video, int frames) throws Exception {
        List<Mat> images = new ArrayList<>();
        try (var grabber = new FFmpegFrameGrabber(video.toFile()); var converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            while (images.size() < frames) {
                images.add(converter.convert(grabber.grabImage()).clone());
            }
        }
        return images;
    }
}
