package io.stride.backend.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.testing.Backend;
import io.stride.backend.testing.Clips;
import io.stride.backend.testing.Clips.Encoding;
import io.stride.backend.testing.RawFrames;
import io.stride.core.frame.FrameRecord;
import io.stride.core.image.JpegCodec;
import io.stride.core.testing.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Containers and codecs other than H.264 in MP4, odd sizes, variable frame rate and phone rotation, each made at
 * test time, uploaded over HTTP and read back from {@code raw_frames} on a real broker: every decoded frame once, in
 * order, upright, at its own presentation time.
 */
class VideoFormatsTest {

    private static final int FRAMES = 12;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path clips;

    private static TestBroker broker;
    private static Backend backend;

    @BeforeAll
    static void start() {
        broker = new TestBroker();
        // No stage runs, so no task ends: every upload must start rather than queue.
        backend = Backend.start(broker, dataDir, "--stride.backend.max-tasks-in-flight=64");
    }

    @AfterAll
    static void stop() {
        backend.close();
        broker.close();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource({
            "mp4, libx264, mp4",
            "mov, libx264, mov",
            "matroska, libx265, mkv",
            "webm, libvpx-vp9, webm",
            "matroska, libaom-av1, mkv",
            "avi, mpeg4, avi",
            "mp4, mpeg4, mp4"})
    void everyFrameOnceInOrderAtItsSize(String format, String codec, String extension) throws Exception {
        Path clip = Clips.write(clips.resolve(codec + "." + extension), Encoding.of(format, codec, 64, 48), FRAMES,
                i -> Clips.grey(64, 48, i));

        List<FrameRecord> frames = publishedFrames(clip);

        assertThat(frames).hasSize(FRAMES);
        assertThat(frames).extracting(FrameRecord::frameIndex)
                .containsExactlyElementsOf(LongStream.range(0, FRAMES).boxed().toList());
        assertThat(frames).allSatisfy(frame -> assertThat(List.of(frame.width(), frame.height())).containsExactly(64, 48));
        assertThat(frames).extracting(VideoFormatsTest::levelIndex)
                .containsExactlyElementsOf(LongStream.range(0, FRAMES).boxed().toList());
        assertThat(frames).extracting(FrameRecord::ptsMicros)
                .containsExactlyElementsOf(LongStream.range(0, FRAMES).map(i -> i * 100_000).boxed().toList());
    }

    @Test
    void anOddFrameSizeIsPublishedAsItIs() throws Exception {
        Path clip = Clips.writeY4m(clips.resolve("odd.y4m"), 65, 49, 5);

        List<FrameRecord> frames = publishedFrames(clip);

        assertThat(frames).hasSize(5);
        assertThat(frames).allSatisfy(frame -> assertThat(List.of(frame.width(), frame.height())).containsExactly(65, 49));
        assertThat(frames).extracting(VideoFormatsTest::levelIndex).containsExactly(0L, 1L, 2L, 3L, 4L);
        try (Mat image = JpegCodec.decode(frames.get(0).jpeg())) {
            assertThat(List.of(image.cols(), image.rows())).containsExactly(65, 49);
        }
    }

    @Test
    void aVariableFrameRateKeepsEachFramesOwnTimeAndDropsOrRepeatsNone() throws Exception {
        long[] pts = {0, 40_000, 200_000, 240_000, 500_000, 520_000, 1_000_000};
        Path clip = Clips.write(clips.resolve("vfr.mp4"), new Encoding("mp4", "libx264", 64, 48, 1000, 0), pts.length,
                i -> Clips.grey(64, 48, i), pts);

        List<FrameRecord> frames = publishedFrames(clip);

        assertThat(frames).extracting(FrameRecord::ptsMicros).containsExactly(0L, 40_000L, 200_000L, 240_000L,
                500_000L, 520_000L, 1_000_000L);
        assertThat(frames).extracting(VideoFormatsTest::levelIndex).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    }

    @ParameterizedTest(name = "display matrix turning {0}° clockwise")
    @CsvSource({"90, 47, 0", "180, 63, 47", "270, 0, 63"})
    void aPhoneVideoIsPublishedUprightAsAPlayerShowsIt(int clockwise, int redX, int redY) throws Exception {
        Path clip = Clips.write(clips.resolve("phone" + clockwise + ".mp4"),
                Encoding.of("mp4", "libx264", 64, 48).rotated(clockwise), 3, i -> Clips.redTopLeft(64, 48));

        List<FrameRecord> frames = publishedFrames(clip);

        boolean turnedSideways = clockwise != 180;
        FrameRecord first = frames.get(0);
        assertThat(List.of(first.width(), first.height()))
                .containsExactlyElementsOf(turnedSideways ? List.of(48, 64) : List.of(64, 48));
        try (Mat image = JpegCodec.decode(first.jpeg()); UByteIndexer pixels = image.createIndexer()) {
            assertThat(List.of(image.cols(), image.rows())).containsExactly(first.width(), first.height());
            int inset = 3; // away from the block's edge, where the codec blurs
            int x = redX == 0 ? inset : redX - inset;
            int y = redY == 0 ? inset : redY - inset;
            assertThat(red(pixels, x, y)).as("the red corner at (%d, %d)", x, y).isTrue();
            assertThat(red(pixels, inset, inset) && (x != inset || y != inset)).as("not at the top left").isFalse();
        }
    }

    @Test
    void aResolutionChangeMidStreamIsScaledToTheFirstFramesSizeKeepingEveryFrame() throws Exception {
        // One MPEG-TS stream of H.264 that switches from 64x48 to 96x64 at frame 6, as spliced or adaptive-bitrate
        // recordings do: two encodings, the second timed after the first, one after the other in a file. Its
        // B-frames make the decoder hand out pictures of the old size after it has read the new size.
        long[] laterPts = LongStream.range(6, 12).map(i -> i * 100_000).toArray();
        Path small = Clips.write(clips.resolve("small.ts"), new Encoding("mpegts", "libx264", 64, 48, 10, 0), 6,
                i -> Clips.grey(64, 48, i));
        Path large = Clips.write(clips.resolve("large.ts"), new Encoding("mpegts", "libx264", 96, 64, 10, 0), 6,
                i -> Clips.grey(96, 64, 6 + i), laterPts);
        Path clip = clips.resolve("resized.ts");
        Files.write(clip, Files.readAllBytes(small));
        Files.write(clip, Files.readAllBytes(large), StandardOpenOption.APPEND);

        String taskId = backend.upload(clip);
        List<FrameRecord> records = RawFrames.untilEndOfStream(broker, taskId, WAIT);
        List<FrameRecord> frames = records.subList(0, records.size() - 1);

        assertThat(records.get(records.size() - 1).frameCount()).isEqualTo(12);
        assertThat(frames).extracting(VideoFormatsTest::levelIndex)
                .containsExactlyElementsOf(LongStream.range(0, 12).boxed().toList());
        assertThat(frames).allSatisfy(frame -> {
            assertThat(List.of(frame.width(), frame.height())).containsExactly(64, 48);
            try (Mat image = JpegCodec.decode(frame.jpeg())) {
                assertThat(List.of(image.cols(), image.rows())).containsExactly(64, 48);
            }
        });
        assertThat(awaitWarning(taskId)).isEqualTo("the picture size changed mid-stream at frame 6 (from 64x48 to "
                + "96x64); 6 of 12 frames were scaled to 64x48");
        backend.delete("/tasks/" + taskId);
    }

    private static String awaitWarning(String taskId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode status = backend.status(taskId);
        while (!status.has("warning") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = backend.status(taskId);
        }
        return status.path("warning").asText();
    }

    private static boolean red(UByteIndexer bgr, int x, int y) {
        return bgr.get(y, x, 2) > 180 && bgr.get(y, x, 1) < 80 && bgr.get(y, x, 0) < 80;
    }

    /** Which frame of the clip this is, from its grey level. */
    private static long levelIndex(FrameRecord frame) {
        try (Mat image = JpegCodec.decode(frame.jpeg())) {
            double level = opencv_core.mean(image).get(0);
            return Math.round((level - Clips.FIRST_LEVEL) / Clips.LEVEL_STEP);
        }
    }

    /** Uploads the clip and reads every frame record of its task, checking the end-of-stream record's count. */
    private static List<FrameRecord> publishedFrames(Path clip) throws Exception {
        String taskId = backend.upload(clip);
        List<FrameRecord> records = RawFrames.untilEndOfStream(broker, taskId, WAIT);
        FrameRecord end = records.get(records.size() - 1);
        assertThat(end.frameCount()).isEqualTo(records.size() - 1);
        backend.delete("/tasks/" + taskId);
        return records.subList(0, records.size() - 1);
    }
}
