package io.stride.backend.camera;

import io.stride.core.image.JpegCodec;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The still frame published while a camera's source is away: mid grey at the camera's size with
 * {@value #TEXT} written across its middle in white, as JPEG. Made once per task.
 */
final class Placeholder {

    static final String TEXT = "source unavailable";
    /** Mid grey: neither a detection nor a track is likely on it, and the text stands out. */
    static final int GREY = 128;
    private static final int WHITE = 255;
    /** The text spans about this fraction of the frame's width. */
    private static final double TEXT_WIDTH_FRACTION = 0.6;
    private static final int FONT = opencv_imgproc.FONT_HERSHEY_SIMPLEX;
    private static final int THICKNESS_DIVISOR = 400;

    private Placeholder() {
    }

    /** The placeholder of a {@code width x height} camera as JPEG at {@code quality}. */
    static byte[] jpeg(int width, int height, int quality) {
        try (Mat frame = new Mat(height, width, opencv_core.CV_8UC3, new Scalar(GREY, GREY, GREY, 0))) {
            int thickness = Math.max(1, width / THICKNESS_DIVISOR);
            double scale;
            int[] baseline = new int[1];
            try (Size unit = opencv_imgproc.getTextSize(TEXT, FONT, 1.0, thickness, baseline)) {
                scale = width * TEXT_WIDTH_FRACTION / unit.width();
            }
            try (Size size = opencv_imgproc.getTextSize(TEXT, FONT, scale, thickness, baseline);
                 Point origin = new Point((width - size.width()) / 2, (height + size.height()) / 2);
                 Scalar white = new Scalar(WHITE, WHITE, WHITE, 0)) {
                opencv_imgproc.putText(frame, TEXT, origin, FONT, scale, white, thickness, opencv_imgproc.LINE_AA,
                        false);
            }
            return JpegCodec.encode(frame, quality);
        }
    }
}
