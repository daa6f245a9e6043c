package io.stride.annotation.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: the video in closed segments, joined at the end into the MP4 one writer would have written. */
class SegmentedMp4WriterTest {

    private static final String TASK = "3f2e1d0c-9b8a-4765-8432-10fedcba9876";
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final double FPS = 25.0;
    /** Segments of 20, 20 and 13 frames: the last one is short, as a task's usually is. */
    private static final int FRAMES = 53;
    private static final int SEGMENT_FRAMES = 20;
    private static final VideoFormat FORMAT = new VideoFormat(WIDTH, HEIGHT, FPS,
            new H264Settings("veryfast", 23, 1.0), SEGMENT_FRAMES);

    @TempDir
    Path dir;

    @Test
    void framesWrittenInSegmentsJoinIntoOneMp4WithEveryFrameInOrderAndContinuousTimestamps() throws Exception {
        Path joined = dir.resolve("joined.mp4");
        SegmentedMp4Writer writer = SegmentedMp4Writer.open(dir, TASK, FORMAT, List.of());
        write(writer, 0, FRAMES);
        writer.finish(joined);
        Path unsegmented = dir.resolve("unsegmented.mp4");
        try (H264Mp4Writer single = H264Mp4Writer.open(unsegmented, WIDTH, HEIGHT, FPS, FORMAT.encoder())) {
            for (int i = 0; i < FRAMES; i++) {
                try (Mat frame = numbered(i)) {
                    single.write(frame);
                }
            }
            single.finish();
        }

        FfmpegTools.Probe probe = FfmpegTools.probe(joined);
        FfmpegTools.Probe expected = FfmpegTools.probe(unsegmented);
        assertThat(probe.frames()).isEqualTo(FRAMES);
        assertThat(probe.durationSeconds()).isCloseTo(FRAMES / FPS, offset(1e-6)).isEqualTo(expected.durationSeconds());
        long step = probe.pts().get(1);
        assertThat(probe.pts()).as("one frame apart, no gap or overlap at the joins")
                .containsExactlyElementsOf(LongStream.range(0, FRAMES).map(i -> i * step).boxed().toList())
                .containsExactlyElementsOf(expected.pts());
        assertThat(probe.dts()).isEqualTo(probe.pts());
        assertThat(probe.keyframes()).as("every segment starts with a keyframe").contains(0L, 20L, 40L);
        assertThat(FfmpegTools.decodeErrors(joined)).isEmpty();
        assertThat(decodedShades(joined)).as("each frame once, in order")
                .containsExactlyElementsOf(IntStream.range(0, FRAMES).map(SegmentedMp4WriterTest::shade).boxed().toList());

        List<String> segmentPackets = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            segmentPackets.addAll(FfmpegTools.packetDigests(SegmentedMp4Writer.segmentPath(dir, TASK, index)));
        }
        assertThat(FfmpegTools.packetDigests(joined)).as("stream copy: the segments' packets as they are")
                .containsExactlyElementsOf(segmentPackets);
        writer.deleteSegments();
        try (var files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("joined.mp4", "unsegmented.mp4");
        }
    }

    @Test
    void aWriterGoingOnAfterAnotherOnesClosedSegmentsWritesWhatAnUninterruptedOneWrites() throws Exception {
        Path uninterrupted = dir.resolve("uninterrupted.mp4");
        Path uninterruptedDir = Files.createDirectory(dir.resolve("uninterrupted"));
        SegmentedMp4Writer whole = SegmentedMp4Writer.open(uninterruptedDir, TASK, FORMAT, List.of());
        write(whole, 0, FRAMES);
        whole.finish(uninterrupted);

        Path resumed = dir.resolve("resumed.mp4");
        SegmentedMp4Writer killed = SegmentedMp4Writer.open(dir, TASK, FORMAT, List.of());
        write(killed, 0, 50);
        // Killed ten frames into its third segment: never closed; the next writer keeps the two closed ones.
        List<Path> closed = List.of(SegmentedMp4Writer.segmentPath(dir, TASK, 0),
                SegmentedMp4Writer.segmentPath(dir, TASK, 1));
        SegmentedMp4Writer next = SegmentedMp4Writer.open(dir, TASK, FORMAT, closed);
        assertThat(next.framesWritten()).isEqualTo(40);
        write(next, 40, FRAMES);
        next.finish(resumed);

        assertThat(FfmpegTools.probe(resumed).frames()).isEqualTo(FRAMES);
        assertThat(FfmpegTools.decodeErrors(resumed)).isEmpty();
        assertThat(FfmpegTools.packetDigests(resumed)).as("bit for bit the uninterrupted run's frames")
                .hasSize(FRAMES).containsExactlyElementsOf(FfmpegTools.packetDigests(uninterrupted));
        killed.close();
    }

    @Test
    void aLiveSinkGetsTheTasksFrameNumbersAcrossSegmentsFromAKeyframeOnAndOneEnd() throws Exception {
        List<Long> pts = new ArrayList<>();
        List<Long> keyframes = new ArrayList<>();
        int[] ends = {0};
        SegmentedMp4Writer writer = SegmentedMp4Writer.open(dir, TASK, FORMAT, List.of());
        write(writer, 0, 7);
        writer.streamTo(new PacketSink() {
            @Override
            public void accept(AVPacket packet, org.bytedeco.ffmpeg.avutil.AVRational timeBase) {
                if ((packet.flags() & AV_PKT_FLAG_KEY) != 0) {
                    keyframes.add(packet.pts());
                }
                pts.add(packet.pts());
            }

            @Override
            public void end() {
                ends[0]++;
            }
        });
        write(writer, 7, FRAMES);
        writer.finish(dir.resolve("out.mp4"));

        assertThat(pts).containsExactlyElementsOf(LongStream.range(7, FRAMES).boxed().toList());
        assertThat(keyframes).as("frame 7 forced to a keyframe, then each segment's first (and x264's scene cuts)")
                .startsWith(7L).contains(20L, 40L);
        assertThat(ends[0]).isEqualTo(1);
    }

    /** Writes frames {@code from..until-1}, closing each segment when full, as the task's writer does. */
    private static void write(SegmentedMp4Writer writer, int from, int until) throws Exception {
        for (int i = from; i < until; i++) {
            try (Mat frame = numbered(i)) {
                writer.write(frame);
            }
            if (writer.segmentFull()) {
                writer.closeSegment();
            }
        }
    }

    /** A grey a shade lighter every frame (which tells frames apart) and a square moving right. */
    private static Mat numbered(int index) {
        int shade = shade(index);
        try (Scalar grey = new Scalar(shade, shade, shade, 0);
             Scalar orange = new Scalar(40, 200, 240, 0);
             Point from = new Point(20 + 4 * index, 120);
             Point to = new Point(79 + 4 * index, 199)) {
            Mat image = new Mat(HEIGHT, WIDTH, CV_8UC3, grey);
            rectangle(image, from, to, orange, FILLED, 8, 0);
            return image;
        }
    }

    private static int shade(int index) {
        return 30 + 4 * index;
    }

    /** Each decoded frame's shade, read in its top-left corner (rounded to the nearest shade a frame has). */
    private static List<Integer> decodedShades(Path video) throws Exception {
        List<Integer> shades = new ArrayList<>();
        try (var grabber = new FFmpegFrameGrabber(video.toFile()); var converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                BytePointer pixel = converter.convert(frame).ptr(40, 40);
                int value = pixel.get(1) & 0xff;
                shades.add(30 + 4 * Math.round((value - 30) / 4f));
            }
        }
        return shades;
    }
}
