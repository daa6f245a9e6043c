package io.stride.rtmpose.pose;

/**
 * A 2×3 affine map {@code x' = a·x + b·y + c, y' = d·x + e·y + f}, in OpenCV's pixel convention (integer
 * coordinates are pixel centres), so the same matrix drives {@code warpAffine} and maps keypoints.
 */
public record AffineTransform(double a, double b, double c, double d, double e, double f) {

    /**
     * The map from a frame region to the model input that mmpose's {@code get_warp_matrix} builds with no rotation
     * and no shift: the region's centre lands on the input's centre and its width on the input's width. The
     * region already has the input's aspect ratio, so one scale serves both axes, as in mmpose, which derives it
     * from the widths alone.
     */
    public static AffineTransform regionToInput(CropRegion region, InputSize input) {
        double scale = input.width() / region.width();
        return new AffineTransform(
                scale, 0, input.width() * 0.5 - scale * region.centerX(),
                0, scale, input.height() * 0.5 - scale * region.centerY());
    }

    public double applyX(double x, double y) {
        return a * x + b * y + c;
    }

    public double applyY(double x, double y) {
        return d * x + e * y + f;
    }

    /** The map back, e.g. from model-input pixels to frame pixels. */
    public AffineTransform inverse() {
        double determinant = a * e - b * d;
        if (determinant == 0 || !Double.isFinite(determinant)) {
            throw new IllegalStateException("affine transform is not invertible: " + this);
        }
        double ia = e / determinant;
        double ib = -b / determinant;
        double id = -d / determinant;
        double ie = a / determinant;
        return new AffineTransform(ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f));
    }

    /** Row-major {@code [a, b, c, d, e, f]}, the layout of OpenCV's 2×3 matrix. */
    public double[] toRowMajor() {
        return new double[] {a, b, c, d, e, f};
    }
}
