package io.stride.bytetrack.tracker;

import java.util.List;

/**
 * {@code 1 − IoU} between boxes given as {@code (x1, y1, x2, y2)} arrays, the association cost of ByteTrack.
 * Continuous coordinates: unlike the official {@code cython_bbox}, no "+1 pixel" is added to widths, because the
 * boxes here are sub-pixel floats rather than inclusive integer pixel ranges.
 */
public final class IouDistance {

    private IouDistance() {
    }

    /** Intersection over union; 0 for disjoint boxes and for two empty boxes. */
    public static double iou(double[] a, double[] b) {
        double iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double intersection = iw * ih;
        double union = area(a) + area(b) - intersection;
        return union > 0 ? intersection / union : 0;
    }

    /** Row i, column j: {@code 1 − IoU(a[i], b[j])}. */
    public static double[][] matrix(List<double[]> a, List<double[]> b) {
        double[][] distance = new double[a.size()][b.size()];
        for (int i = 0; i < a.size(); i++) {
            double[] boxA = a.get(i);
            double[] row = distance[i];
            for (int j = 0; j < b.size(); j++) {
                row[j] = 1 - iou(boxA, b.get(j));
            }
        }
        return distance;
    }

    /**
     * ByteTrack's {@code fuse_score}: turns IoU distances into {@code 1 − IoU × score} in place, so that among
     * equally overlapping detections the more confident one is cheaper.
     */
    public static void fuseScores(double[][] distance, double[] scores) {
        for (double[] row : distance) {
            for (int j = 0; j < row.length; j++) {
                row[j] = 1 - (1 - row[j]) * scores[j];
            }
        }
    }

    private static double area(double[] box) {
        return Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
    }
}
