package io.stride.rtmpose.pose;

/**
 * The pixel size of the pose model's input image, read from the model (256×192 for the t/s/m/l body models,
 * 384×288 for the larger ones).
 */
public record InputSize(int width, int height) {

    public InputSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("input size must be positive, got " + width + "x" + height);
        }
    }

    /** Width over height: the shape every crop is widened or heightened to. */
    public double aspectRatio() {
        return (double) width / height;
    }

    /** Values in one channel plane. */
    public int pixels() {
        return width * height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
