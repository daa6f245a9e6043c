package io.stride.core.evaluation;

/** Checks and geometry shared by ground-truth and tracker boxes. */
final class Boxes {

    private Boxes() {
    }

    static void requireValid(int frame, double left, double top, double width, double height) {
        if (frame < 1) {
            throw new IllegalArgumentException("frame " + frame + " is before the first frame (1)");
        }
        if (!Double.isFinite(left) || !Double.isFinite(top) || !Double.isFinite(width) || !Double.isFinite(height)) {
            throw new IllegalArgumentException("the box is not made of finite numbers");
        }
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("the box has a negative width or height");
        }
    }

    /** {@code (x1, y1, x2, y2)}. */
    static double[] corners(double left, double top, double width, double height) {
        return new double[] {left, top, left + width, top + height};
    }

    /** Intersection over union; 0 for boxes without area, as TrackEval. */
    static double iou(double[] a, double[] b) {
        double iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double intersection = iw * ih;
        double union = area(a) + area(b) - intersection;
        return union > 0 ? intersection / union : 0;
    }

    private static double area(double[] box) {
        return (box[2] - box[0]) * (box[3] - box[1]);
    }
}
