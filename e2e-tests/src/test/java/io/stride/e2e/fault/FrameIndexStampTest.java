package io.stride.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.line;

import io.stride.core.image.JpegCodec;
import io.stride.core.testing.SharedData;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameIndexStampTest {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;

    @Test
    void everyIndexSurvivesJpegAndDrawingsOverTheStrip() {
        int width = FrameIndexStamp.minWidth() + 8;
        int height = 2 * FrameIndexStamp.minHeight();
        for (int index = 0; index <= FrameIndexStamp.MAX_INDEX; index++) {
            try (Mat frame = new Mat(height, width, CV_8UC3, new Scalar(90, 120, 150, 0))) {
                FrameIndexStamp.write(frame, index);
                // What the annotation stage may draw across the strip: a box edge and a keypoint.
                line(frame, new Point(0, height - 18), new Point(width - 1, height - 14), new Scalar(0, 255, 0, 0), 2,
                        LINE_AA, 0);
                circle(frame, new Point(8 + 16 * (index % 22) + 8, height - 16), 3, new Scalar(0, 0, 255, 0), FILLED,
                        LINE_AA, 0);
                try (Mat decoded = JpegCodec.decode(JpegCodec.encode(frame, JpegCodec.DEFAULT_FRAME_QUALITY))) {
                    assertThat(FrameIndexStamp.read(decoded)).as("index %d", index).isEqualTo(index);
                }
            }
        }
    }

    @Test
    void aFrameWithoutStampIsUnreadable() {
        try (Mat frame = new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(128, 128, 128, 0))) {
            assertThat(FrameIndexStamp.read(frame)).isEqualTo(FrameIndexStamp.UNREADABLE);
        }
    }

    @Test
    void aFlippedBitBreaksTheParity() {
        try (Mat frame = new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(0, 0, 0, 0));
             Mat other = new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(0, 0, 0, 0))) {
            FrameIndexStamp.write(frame, 0b1);
            FrameIndexStamp.write(other, 0b0);
            // Frame 1 with the pair of bit 0 taken from frame 0: the data says 0, the parity says odd.
            other.apply(new org.bytedeco.opencv.opencv_core.Rect(8, HEIGHT - 24, 32, 16))
                    .copyTo(frame.apply(new org.bytedeco.opencv.opencv_core.Rect(8, HEIGHT - 24, 32, 16)));
            assertThat(FrameIndexStamp.read(frame)).isEqualTo(FrameIndexStamp.UNREADABLE);
        }
    }

    @Test
    void refusesIndicesItCannotHoldAndFramesTooSmall() {
        try (Mat frame = new Mat(HEIGHT, WIDTH, CV_8UC3); Mat tiny = new Mat(16, 64, CV_8UC3)) {
            assertThatThrownBy(() -> FrameIndexStamp.write(frame, FrameIndexStamp.MAX_INDEX + 1))
                    .hasMessage("frame index 8192 outside 0..8191");
            assertThatThrownBy(() -> FrameIndexStamp.write(tiny, 0)).hasMessage("a stamp needs 456x24, the frame is 64x16");
        }
    }

    @Test
    void aStampedClipDecodesToItsIndicesInOrder(@TempDir Path dir) throws Exception {
        Path clip = StampedClip.write(SharedData.video(SharedData.PEOPLE_WALKING), 12, WIDTH, HEIGHT,
                dir.resolve("stamped.mp4"));

        assertThat(ResultFrames.mp4Indices(clip)).containsExactlyElementsOf(IntStream.range(0, 12).boxed().toList());
    }
}
