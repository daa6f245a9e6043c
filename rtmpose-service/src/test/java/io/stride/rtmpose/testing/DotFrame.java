package io.stride.rtmpose.testing;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * A black 8-bit BGR frame with single-pixel dots painted on it: what {@link ExactAnswerPoseModel} finds. The
 * caller closes it.
 */
public final class DotFrame implements AutoCloseable {

    private static final int WHITE = 255;

    private final Mat image;

    public DotFrame(int width, int height) {
        try (Scalar black = new Scalar(0.0)) {
            this.image = new Mat(height, width, CV_8UC3, black);
        }
    }

    /** Paints one white pixel. */
    public DotFrame dot(int x, int y) {
        return dot(x, y, WHITE, WHITE, WHITE);
    }

    /** Paints a white square of {@code 2·radius + 1} pixels centred on (x, y). */
    public DotFrame square(int x, int y, int radius) {
        for (int row = y - radius; row <= y + radius; row++) {
            for (int column = x - radius; column <= x + radius; column++) {
                dot(column, row);
            }
        }
        return this;
    }

    /** Paints one pixel of the given BGR colour. */
    public DotFrame dot(int x, int y, int blue, int green, int red) {
        try (UByteIndexer pixels = image.createIndexer()) {
            pixels.put(y, x, 0, blue);
            pixels.put(y, x, 1, green);
            pixels.put(y, x, 2, red);
        }
        return this;
    }

    public Mat image() {
        return image;
    }

    @Override
    public void close() {
        image.close();
    }
}
