package io.stride.core.image;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * JPEG through OpenCV (about three times faster than ImageIO on this kind of machine). Images are BGR
 * {@link Mat}s owned by the caller, who must close them: they hold native memory.
 */
public final class JpegCodec {

    /**
     * The quality of the frames on a task's {@code raw_frames} unless configured: the lowest at which YOLOX finds
     * on the carried frame what it finds on the decoded frame itself (yolox-service's
     * {@code CarriedFrameAccuracyTest}); a lower quality makes every frame smaller and cheaper to encode, move and
     * decode.
     */
    public static final int DEFAULT_FRAME_QUALITY = 75;
    /** {@link #DEFAULT_FRAME_QUALITY} as configuration defaults spell it. */
    public static final String DEFAULT_FRAME_QUALITY_TEXT = "" + DEFAULT_FRAME_QUALITY;

    private JpegCodec() {
    }

    /**
     * Decodes to an 8-bit BGR image.
     *
     * @throws IllegalArgumentException when the bytes are not a decodable image
     */
    public static Mat decode(byte[] jpeg) {
        return decode(jpeg, 1);
    }

    /**
     * Decodes to an 8-bit BGR image {@code reduction} times smaller on each side (rounded up). libjpeg scales in
     * the DCT domain, so a reduced decode costs a fraction of a full one: the way to feed a model whose input is
     * much smaller than the frame.
     *
     * @param reduction 1, 2, 4 or 8
     * @throws IllegalArgumentException when the bytes are not a decodable image
     */
    public static Mat decode(byte[] jpeg, int reduction) {
        int flags = switch (reduction) {
            case 1 -> IMREAD_COLOR;
            case 2 -> IMREAD_REDUCED_COLOR_2;
            case 4 -> IMREAD_REDUCED_COLOR_4;
            case 8 -> IMREAD_REDUCED_COLOR_8;
            default -> throw new IllegalArgumentException("JPEG reduction must be 1, 2, 4 or 8, not " + reduction);
        };
        try (Mat buffer = new Mat(1, jpeg.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1)) {
            buffer.data().put(jpeg);
            Mat image = imdecode(buffer, flags);
            if (image == null || image.empty()) {
                if (image != null) {
                    image.close();
                }
                throw new IllegalArgumentException("not a decodable JPEG image (" + jpeg.length + " bytes)");
            }
            return image;
        }
    }

    /** Encodes an 8-bit BGR image at the given quality (1–100). */
    public static byte[] encode(Mat bgr, int quality) {
        try (BytePointer out = new BytePointer()) {
            if (!imencode(".jpg", bgr, out, new org.bytedeco.javacpp.IntPointer(IMWRITE_JPEG_QUALITY, quality))) {
                throw new IllegalStateException("JPEG encoding failed for a " + bgr.cols() + "x" + bgr.rows() + " image");
            }
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }
}
