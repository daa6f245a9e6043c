package io.stride.yolox.detect;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Detector preprocessing: keep-ratio linear resize of a BGR frame, anchored at the top-left corner of the
 * model input and padded with a constant grey, written as normalised planar (CHW) floats in BGR order into one
 * slot of a batch buffer.
 *
 * <p>Not thread-safe: it reuses one resize target so that steady-state frames allocate no image memory.
 */
public final class Letterbox implements AutoCloseable {

    private static final int CHANNELS = 3;
    private static final int LEVELS = 256;

    private final int inputWidth;
    private final int inputHeight;
    private final ResizeRule rule;
    private final float[] normalized;
    private final float[] padding = new float[CHANNELS];
    private final Mat resized = new Mat();

    /**
     * @param padValue the 8-bit value of every padding pixel before normalisation (114 for YOLOX and RTMDet)
     */
    public Letterbox(int inputWidth, int inputHeight, ResizeRule rule, PixelNormalization normalization, int padValue) {
        if (inputWidth <= 0 || inputHeight <= 0) {
            throw new IllegalArgumentException("input size must be positive: " + inputWidth + "x" + inputHeight);
        }
        if (padValue < 0 || padValue >= LEVELS) {
            throw new IllegalArgumentException("pad value must be an 8-bit value: " + padValue);
        }
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.rule = rule;
        this.normalized = normalization.lookupTable();
        for (int c = 0; c < CHANNELS; c++) {
            padding[c] = normalized[c * LEVELS + padValue];
        }
    }

    /** Floats one image takes in the batch buffer. */
    public int imageFloats() {
        return CHANNELS * inputWidth * inputHeight;
    }

    /**
     * Writes {@code bgr} (8-bit, 3 channels) into image slot {@code slot} of {@code batch}, which holds
     * consecutive {@code 3 × inputHeight × inputWidth} images. Absolute writes: the buffer's position is untouched.
     */
    public LetterboxGeometry write(Mat bgr, FloatBuffer batch, int slot) {
        if (bgr.channels() != CHANNELS || bgr.depth() != org.bytedeco.opencv.global.opencv_core.CV_8U) {
            throw new IllegalArgumentException("expected an 8-bit BGR image, got " + bgr.channels()
                    + " channels of depth " + bgr.depth());
        }
        LetterboxGeometry geometry = LetterboxGeometry.of(rule, bgr.cols(), bgr.rows(), inputWidth, inputHeight);
        if (geometry.resizedWidth() == bgr.cols() && geometry.resizedHeight() == bgr.rows() && bgr.isContinuous()) {
            writePlanar(bgr, geometry.resizedWidth(), geometry.resizedHeight(), batch, slot * imageFloats());
        } else {
            // resize also copies a non-continuous view (a region of a larger image) into a continuous target
            try (Size size = new Size(geometry.resizedWidth(), geometry.resizedHeight())) {
                resize(bgr, resized, size, 0, 0, INTER_LINEAR);
            }
            writePlanar(resized, geometry.resizedWidth(), geometry.resizedHeight(), batch, slot * imageFloats());
        }
        return geometry;
    }

    private void writePlanar(Mat image, int width, int height, FloatBuffer out, int base) {
        ByteBuffer pixels = image.createBuffer();
        int rowStride = (int) image.step();
        int plane = inputWidth * inputHeight;
        float[] table = normalized;
        for (int y = 0; y < height; y++) {
            int src = y * rowStride;
            int dst = base + y * inputWidth;
            for (int x = 0; x < width; x++, src += CHANNELS, dst++) {
                out.put(dst, table[pixels.get(src) & 0xff]);
                out.put(dst + plane, table[LEVELS + (pixels.get(src + 1) & 0xff)]);
                out.put(dst + 2 * plane, table[2 * LEVELS + (pixels.get(src + 2) & 0xff)]);
            }
            for (int c = 0; c < CHANNELS; c++) {
                fill(out, base + c * plane + y * inputWidth + width, inputWidth - width, padding[c]);
            }
        }
        int padRows = (inputHeight - height) * inputWidth;
        for (int c = 0; c < CHANNELS; c++) {
            fill(out, base + c * plane + height * inputWidth, padRows, padding[c]);
        }
    }

    private static void fill(FloatBuffer out, int from, int count, float value) {
        for (int i = from, end = from + count; i < end; i++) {
            out.put(i, value);
        }
    }

    public int inputWidth() {
        return inputWidth;
    }

    public int inputHeight() {
        return inputHeight;
    }

    @Override
    public void close() {
        resized.close();
    }
}
