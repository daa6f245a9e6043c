package io.stride.annotation.output;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * H.264 in 4:2:0 stores colour for 2x2 pixel blocks, so libx264 takes only even sizes. An odd-sized source
 * (641x361) is encoded one pixel wider and/or taller, its last column and row repeated: every source pixel
 * stays where it was (drawn boxes, annotation coordinates) and the repeated edge is invisible, unlike a black
 * line. Cropping instead would drop a row of the picture; H.264's own cropping window cannot express one
 * pixel in 4:2:0 (it counts in pairs).
 */
final class EvenPadding implements AutoCloseable {

    private final int width;
    private final int height;
    private final Mat padded = new Mat();

    /** @param width  the source's width, odd or even */
    EvenPadding(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** The smallest even number at least {@code size}. */
    static int even(int size) {
        return size + (size & 1);
    }

    int paddedWidth() {
        return even(width);
    }

    int paddedHeight() {
        return even(height);
    }

    /**
     * The image at the even size: {@code source} itself when its size is already even, else a padded copy
     * that stays valid until the next call.
     */
    Mat apply(Mat source) {
        if (source.cols() != width || source.rows() != height) {
            throw new IllegalArgumentException("expected a " + width + "x" + height + " image, got "
                    + source.cols() + "x" + source.rows());
        }
        if (paddedWidth() == width && paddedHeight() == height) {
            return source;
        }
        copyMakeBorder(source, padded, 0, paddedHeight() - height, 0, paddedWidth() - width, BORDER_REPLICATE);
        return padded;
    }

    @Override
    public void close() {
        padded.close();
    }
}
