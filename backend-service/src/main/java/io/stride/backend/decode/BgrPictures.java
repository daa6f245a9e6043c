package io.stride.backend.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

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
 */
final class BgrPictures implements AutoCloseable {

    private SwsContext scaler;
    private Mat bgr;
    /** The image's one plane and its row stride, as sws_scale takes them (arrays of planes). */
    private PointerPointer<BytePointer> bgrPlanes;
    private IntPointer bgrStrides;

    /**
     * The picture in BGR at {@code width} x {@code height}; the image is reused by the next call, and freed by
     * {@link #close()}.
     */
    Mat convert(AVFrame picture, int width, int height) {
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
        // An AVFrame begins with its array of plane pointers, and linesize() is its array of strides.
        sws_scale(scaler, new PointerPointer<>(picture), picture.linesize(), 0, picture.height(), bgrPlanes,
                bgrStrides);
        return bgr;
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
