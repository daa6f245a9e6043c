package io.stride.annotation.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

class H264Mp4WriterTest {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final double FPS = 25.0;
    private static final int FRAMES = 60;
    private static final H264Settings SETTINGS = new H264Settings("veryfast", 23, 1.0);

    @TempDir
    Path dir;

    @Test
    void writesEveryFrameAsBrowserReadyH264WithOneSecondGopsAndNoBFrames() throws Exception {
        Path file = dir.resolve("out.mp4");
        try (H264Mp4Writer writer = H264Mp4Writer.open(file, WIDTH, HEIGHT, FPS, SETTINGS)) {
            for (int i = 0; i < FRAMES; i++) {
                try (Mat frame = movingSquare(i)) {
                    writer.write(frame);
                }
            }
            assertThat(writer.framesWritten()).isEqualTo(FRAMES);
            writer.finish();
        }

        assertThat(Mp4Boxes.topLevel(file)).as("faststart: index before media")
                .containsSubsequence("ftyp", "moov", "mdat");
        try (var grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            assertThat(grabber.getVideoCodec()).isEqualTo(AV_CODEC_ID_H264);
            assertThat(grabber.getFormatContext().streams(grabber.getVideoStream()).codecpar().format())
                    .as("pixel format in the file").isEqualTo(AV_PIX_FMT_YUV420P);
            assertThat(grabber.getImageWidth()).isEqualTo(WIDTH);
            assertThat(grabber.getImageHeight()).isEqualTo(HEIGHT);
            assertThat(grabber.getFrameRate()).isCloseTo(FPS, org.assertj.core.data.Offset.offset(0.01));
            List<Integer> keyframes = new ArrayList<>();
            List<Long> pts = new ArrayList<>();
            AVPacket packet;
            int index = 0;
            while ((packet = grabber.grabPacket()) != null) {
                if (packet.stream_index() == grabber.getVideoStream()) {
                    if ((packet.flags() & AV_PKT_FLAG_KEY) != 0) {
                        keyframes.add(index);
                    }
                    pts.add(packet.pts());
                    index++;
                }
            }
            assertThat(index).isEqualTo(FRAMES);
            assertThat(keyframes).as("a keyframe every second").containsExactly(0, 25, 50);
            assertThat(pts).as("decode order is presentation order: no B-frames").isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void picturesSurviveTheRoundTrip() throws Exception {
        Path file = dir.resolve("out.mp4");
        try (H264Mp4Writer writer = H264Mp4Writer.open(file, WIDTH, HEIGHT, FPS, SETTINGS)) {
            for (int i = 0; i < 10; i++) {
                try (Mat frame = movingSquare(i)) {
                    writer.write(frame);
                }
            }
            writer.finish();
        }
        try (var grabber = new FFmpegFrameGrabber(file.toFile());
             var converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            for (int i = 0; i < 10; i++) {
                Frame frame = grabber.grabImage();
                Mat decoded = converter.convert(frame);
                int squareX = squareLeft(i) + 10;
                assertThat(channels(decoded, squareX, 50)).as("square of frame %d", i)
                        .satisfies(bgr -> assertNear(bgr, 40, 200, 240));
                assertThat(channels(decoded, squareX, 200)).as("background of frame %d", i)
                        .satisfies(bgr -> assertNear(bgr, 90, 90, 90));
            }
            assertThat(grabber.grabImage()).isNull();
        }
    }

    @Test
    void oddSizesArePaddedToEvenByRepeatingTheLastColumnAndRowKeepingEveryFrame() throws Exception {
        int width = 161;
        int height = 121;
        int frames = 12;
        Path file = dir.resolve("odd.mp4");
        try (H264Mp4Writer writer = H264Mp4Writer.open(file, width, height, FPS, SETTINGS)) {
            for (int i = 0; i < frames; i++) {
                try (Mat frame = edgeStripes(width, height)) {
                    writer.write(frame);
                }
            }
            writer.finish();
        }

        try (var grabber = new FFmpegFrameGrabber(file.toFile());
             var converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(162);
            assertThat(grabber.getImageHeight()).isEqualTo(122);
            int count = 0;
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                Mat decoded = converter.convert(frame);
                // The source's last column (x 160) is white, so is the repeated one; the bottom row likewise.
                assertThat(channels(decoded, 161, 60)).satisfies(bgr -> assertNear(bgr, 255, 255, 255));
                assertThat(channels(decoded, 80, 121)).satisfies(bgr -> assertNear(bgr, 255, 255, 255));
                assertThat(channels(decoded, 80, 60)).as("inside").satisfies(bgr -> assertNear(bgr, 90, 90, 90));
                count++;
            }
            assertThat(count).isEqualTo(frames);
        }
    }

    @Test
    void aSinkAttachedMidStreamStartsOnAKeyframe() throws Exception {
        List<Boolean> keyframes = new ArrayList<>();
        try (H264Mp4Writer writer = H264Mp4Writer.open(dir.resolve("out.mp4"), WIDTH, HEIGHT, FPS, SETTINGS)) {
            for (int i = 0; i < 7; i++) {
                try (Mat frame = movingSquare(i)) {
                    writer.write(frame);
                }
            }
            writer.streamTo((packet, timeBase) -> keyframes.add((packet.flags() & AV_PKT_FLAG_KEY) != 0));
            for (int i = 7; i < 10; i++) {
                try (Mat frame = movingSquare(i)) {
                    writer.write(frame);
                }
            }
            writer.finish();
        }

        assertThat(keyframes).as("frame 7 forced to a keyframe, 8 and 9 follow the GOP")
                .containsExactly(true, false, false);
    }

    @Test
    void rejectsEmptySizes() {
        assertThatThrownBy(() -> H264Mp4Writer.open(dir.resolve("none.mp4"), 0, 240, FPS, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x240");
    }

    @Test
    void rejectsImagesOfAnotherSize() throws Exception {
        try (H264Mp4Writer writer = H264Mp4Writer.open(dir.resolve("out.mp4"), WIDTH, HEIGHT, FPS, SETTINGS);
             Mat small = new Mat(HEIGHT / 2, WIDTH / 2, CV_8UC3)) {
            assertThatThrownBy(() -> writer.write(small)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("160x120");
        }
    }

    /** Grey background with an orange square moving right 4 px a frame: smooth motion, no scene cuts. */
    private static Mat movingSquare(int index) {
        try (Scalar grey = new Scalar(90, 90, 90, 0);
             Scalar orange = new Scalar(40, 200, 240, 0);
             Point from = new Point(squareLeft(index), 20);
             Point to = new Point(squareLeft(index) + 59, 99)) {
            Mat image = new Mat(HEIGHT, WIDTH, CV_8UC3, grey);
            rectangle(image, from, to, orange, FILLED, 8, 0);
            return image;
        }
    }

    /** Grey with a white last column and last row: the edges an odd size pads by repeating. */
    private static Mat edgeStripes(int width, int height) {
        try (Scalar grey = new Scalar(90, 90, 90, 0);
             Scalar white = new Scalar(255, 255, 255, 0);
             Point right = new Point(width - 1, 0);
             Point bottomRight = new Point(width - 1, height - 1);
             Point bottomLeft = new Point(0, height - 1)) {
            Mat image = new Mat(height, width, CV_8UC3, grey);
            rectangle(image, right, bottomRight, white, FILLED, 8, 0);
            rectangle(image, bottomLeft, bottomRight, white, FILLED, 8, 0);
            return image;
        }
    }

    private static int squareLeft(int index) {
        return 20 + 4 * index;
    }

    private static int[] channels(Mat image, int x, int y) {
        BytePointer p = image.ptr(y, x);
        return new int[] {p.get(0) & 0xff, p.get(1) & 0xff, p.get(2) & 0xff};
    }

    /** H.264 at CRF 23 on a flat area keeps each channel within a few levels. */
    private static void assertNear(int[] bgr, int blue, int green, int red) {
        int tolerance = 8;
        assertThat(bgr[0]).isCloseTo(blue, org.assertj.core.data.Offset.offset(tolerance));
        assertThat(bgr[1]).isCloseTo(green, org.assertj.core.data.Offset.offset(tolerance));
        assertThat(bgr[2]).isCloseTo(red, org.assertj.core.data.Offset.offset(tolerance));
    }
}
