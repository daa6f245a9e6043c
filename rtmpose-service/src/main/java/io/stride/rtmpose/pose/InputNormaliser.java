package io.stride.rtmpose.pose;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * Writes an 8-bit BGR crop as the model's input: RGB channel planes (CHW), each value {@code (v − mean) / std}.
 * mmpose's RTMPose data preprocessor does the same ({@code bgr_to_rgb=True}, ImageNet mean and std on the 0–255
 * scale). One pass over the pixels with a lookup table per channel: an 8-bit value has only 256 normalised forms,
 * each computed once in double precision, as numpy computes them, and rounded to float.
 */
public final class InputNormaliser {

    /** RGB channel means of RTMPose's training data (ImageNet, 0–255 scale). */
    public static final double[] RTMPOSE_RGB_MEAN = {123.675, 116.28, 103.53};
    /** RGB channel standard deviations of RTMPose's training data (ImageNet, 0–255 scale). */
    public static final double[] RTMPOSE_RGB_STD = {58.395, 57.12, 57.375};

    private static final int CHANNELS = 3;
    private static final int LEVELS = 256;

    private final float[][] normalisedByRgbChannel = new float[CHANNELS][LEVELS];

    public InputNormaliser(double[] rgbMean, double[] rgbStd) {
        if (rgbMean.length != CHANNELS || rgbStd.length != CHANNELS) {
            throw new IllegalArgumentException("mean and std need one value per RGB channel");
        }
        for (int c = 0; c < CHANNELS; c++) {
            if (!(rgbStd[c] > 0)) {
                throw new IllegalArgumentException("std must be positive, got " + rgbStd[c]);
            }
            for (int v = 0; v < LEVELS; v++) {
                normalisedByRgbChannel[c][v] = (float) ((v - rgbMean[c]) / rgbStd[c]);
            }
        }
    }

    public static InputNormaliser rtmpose() {
        return new InputNormaliser(RTMPOSE_RGB_MEAN, RTMPOSE_RGB_STD);
    }

    /** The value an 8-bit level of an RGB channel (0 = R) becomes. */
    public float normalised(int rgbChannel, int level) {
        return normalisedByRgbChannel[rgbChannel][level];
    }

    /**
     * @param bgr    {@code size.pixels()} interleaved BGR pixels, row by row, read from index 0 (absolute reads;
     *               the buffer's position is not used or moved)
     * @param size   the crop's width and height
     * @param out    receives the three planes R, G, B at absolute indices {@code offset ..
     *               offset + 3·size.pixels() − 1}
     */
    public void writeChw(ByteBuffer bgr, InputSize size, FloatBuffer out, int offset) {
        int pixels = size.pixels();
        if (bgr.limit() < pixels * CHANNELS) {
            throw new IllegalArgumentException("crop holds " + bgr.limit() + " bytes, " + size + " BGR needs "
                    + pixels * CHANNELS);
        }
        if (out.limit() < offset + pixels * CHANNELS) {
            throw new IllegalArgumentException("tensor buffer too small for an image at offset " + offset);
        }
        float[] red = normalisedByRgbChannel[0];
        float[] green = normalisedByRgbChannel[1];
        float[] blue = normalisedByRgbChannel[2];
        int redPlane = offset;
        int greenPlane = offset + pixels;
        int bluePlane = offset + 2 * pixels;
        for (int p = 0, source = 0; p < pixels; p++, source += CHANNELS) {
            out.put(bluePlane + p, blue[bgr.get(source) & 0xFF]);
            out.put(greenPlane + p, green[bgr.get(source + 1) & 0xFF]);
            out.put(redPlane + p, red[bgr.get(source + 2) & 0xFF]);
        }
    }
}
