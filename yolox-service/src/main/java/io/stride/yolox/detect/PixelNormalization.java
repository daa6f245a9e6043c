package io.stride.yolox.detect;

import java.util.Arrays;

/**
 * Per-channel {@code (value - mean) / std} applied to 8-bit pixels in the model's channel order. YOLOX ≥ 0.1.1
 * takes raw 0–255 values ({@link #NONE}); MMDetection models take mean/std normalised inputs.
 */
public final class PixelNormalization {

    private static final int CHANNELS = 3;
    private static final int LEVELS = 256;

    /** Identity: the model sees 0–255 floats. */
    public static final PixelNormalization NONE = new PixelNormalization(new float[] {0, 0, 0}, new float[] {1, 1, 1});

    private final float[] mean;
    private final float[] std;

    private PixelNormalization(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /** Mean and standard deviation per channel, in the order the channels are fed to the model. */
    public static PixelNormalization of(float[] mean, float[] std) {
        if (mean.length != CHANNELS || std.length != CHANNELS) {
            throw new IllegalArgumentException("mean and std need " + CHANNELS + " channels each");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive: " + Arrays.toString(std));
            }
        }
        return new PixelNormalization(mean.clone(), std.clone());
    }

    public float apply(int channel, int value) {
        return (value - mean[channel]) / std[channel];
    }

    /** {@code table[channel * 256 + value]}: the per-pixel work becomes one array read. */
    float[] lookupTable() {
        float[] table = new float[CHANNELS * LEVELS];
        for (int c = 0; c < CHANNELS; c++) {
            for (int v = 0; v < LEVELS; v++) {
                table[c * LEVELS + v] = apply(c, v);
            }
        }
        return table;
    }

    @Override
    public String toString() {
        return "PixelNormalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
