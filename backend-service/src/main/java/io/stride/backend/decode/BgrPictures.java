package io.stride.backend.decode;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.util.Set;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns decoded pictures into 3-channel BGR images of a given size, converting and scaling in one pass.
 *
 * <p>Each picture is read by its own size and pixel format. JavaCV's own conversion reads every picture by the
 * decoder's current size instead: when a stream changes resolution, pictures of the old size that the decoder still
 * holds (reordered B-frames) would be read as the new, larger size, past the end of their buffer. It also takes the
 * channel count as row stride / width, which is wrong for narrow frames whose rows FFmpeg pads.
 *
 * <p>Each picture is read with the colour matrix and range its stream declares, as FFmpeg's own conversion does
 * ({@code ffmpeg -i clip -pix_fmt bgr24}, libavfilter's scale filter): swscale left to itself reads every picture
 * as BT.601 and limited range, and HD video is BT.709, whose reds and blues that misreads: the stages would see
 * other colours than the reference decode that the models' own demos feed them.
 */
public final class BgrPictures implements AutoCloseable {

    /** FFmpeg's full-range YUV formats (MJPEG's): full range whatever the picture's own range field says. */
    private static final Set<Integer> FULL_RANGE_FORMATS = Set.of(AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUVJ422P,
            AV_PIX_FMT_YUVJ444P, AV_PIX_FMT_YUVJ440P, AV_PIX_FMT_YUVJ411P);
    /** swscale's settings that keep brightness, contrast and saturation (the last two in 16.16 fixed point). */
    private static final int SAME_BRIGHTNESS = 0;
    private static final int SAME_CONTRAST_OR_SATURATION = 1 << 16;
    /** swscale's range flags: 1 for full range (0–255), 0 for video's limited range (16–235). */
    private static final int FULL_RANGE = 1;
    private static final int LIMITED_RANGE = 0;

    private SwsContext scaler;
    private Mat bgr;
    /** The image's one plane and its row stride, as sws_scale takes them (arrays of planes). */
    private PointerPointer<BytePointer> bgrPlanes;
    private IntPointer bgrStrides;

    /**
     * The picture in BGR at {@code width} x {@code height}; the image is reused by the next call, and freed by
     * {@link #close()}.
     */
    public Mat convert(AVFrame picture, int width, int height) {
        if (bgr == null || bgr.cols() != width || bgr.rows() != height) {
            closeImage();
            bgr = new Mat(height, width, opencv_core.CV_8UC3);
            bgrPlanes = new PointerPointer<BytePointer>(1).put(0, bgr.data());
            bgrStrides = new IntPointer(new int[] {(int) bgr.step()});
        }
        scaler = sws_getCachedContext(scaler, picture.width(), picture.height(), picture.format(), width, height,
                AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null, (DoublePointer) null);
        if (scaler == null) {
            throw new IllegalStateException("cannot convert a " + picture.width() + "x" + picture.height()
                    + " picture of pixel format " + picture.format() + " to BGR");
        }
        // Set for every picture: a cached context may be new, and a stream may change its colour description.
        // swscale recomputes its tables only when the details differ from the context's. An unspecified or unknown
        // matrix gets BT.601's coefficients, as in FFmpeg's scale filter; BGR is full range.
        sws_setColorspaceDetails(scaler, sws_getCoefficients(picture.colorspace()),
                isFullRange(picture) ? FULL_RANGE : LIMITED_RANGE, sws_getCoefficients(SWS_CS_DEFAULT), FULL_RANGE,
                SAME_BRIGHTNESS, SAME_CONTRAST_OR_SATURATION, SAME_CONTRAST_OR_SATURATION);
        // An AVFrame begins with its array of plane pointers, and linesize() is its array of strides.
        sws_scale(scaler, new PointerPointer<>(picture), picture.linesize(), 0, picture.height(), bgrPlanes,
                bgrStrides);
        return bgr;
    }

    /**
     * Whether the picture's YUV spans 0–255 rather than video's 16–235; a picture that does not say is limited,
     * as FFmpeg assumes, unless its pixel format is one of the full-range ones.
     */
    private static boolean isFullRange(AVFrame picture) {
        return picture.color_range() == AVCOL_RANGE_JPEG || FULL_RANGE_FORMATS.contains(picture.format());
    }

    private void closeImage() {
        if (bgr != null) {
            bgrPlanes.close();
            bgrStrides.close();
            bgr.close();
            bgr = null;
        }
    }

    @Override
    public void close() {
        closeImage();
        if (scaler != null) {
            sws_freeContext(scaler);
            scaler = null;
        }
    }
}
