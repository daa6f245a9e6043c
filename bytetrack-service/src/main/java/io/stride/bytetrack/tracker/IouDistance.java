package io.stride.bytetrack.tracker;

import java.util.Arrays;
import java.util.Comparator;
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

    /**
     * The {@code 1 − IoU} entries of the pairs that overlap at all; every other pair is at distance 1. Found with
     * a sweep over b sorted by left edge, so large frames cost about one entry per neighbour instead of
     * |a| × |b| IoU computations.
     */
    public static SparseCosts overlapping(List<double[]> a, List<double[]> b) {
        SparseCosts.Builder entries = new SparseCosts.Builder(a.size(), b.size());
        if (a.isEmpty() || b.isEmpty()) {
            return entries.build();
        }
        Integer[] order = new Integer[b.size()];
        double maxWidth = 0;
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
            maxWidth = Math.max(maxWidth, b.get(j)[2] - b.get(j)[0]);
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> b.get(j)[0]).thenComparingInt(j -> j));
        double[] left = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            left[k] = b.get(order[k])[0];
        }
        for (int i = 0; i < a.size(); i++) {
            double[] boxA = a.get(i);
            // b overlaps a only if b.x1 < a.x2 and b.x2 > a.x1, and b.x2 ≤ b.x1 + maxWidth.
            for (int k = firstAbove(left, boxA[0] - maxWidth); k < left.length && left[k] < boxA[2]; k++) {
                double iou = iou(boxA, b.get(order[k]));
                if (iou > 0) {
                    entries.add(i, order[k], 1 - iou);
                }
            }
        }
        return entries.build();
    }

    /**
     * ByteTrack's {@code fuse_score}: {@code 1 − IoU × score} for each entry, so that among equally overlapping
     * detections the more confident one is cheaper. Pairs without overlap stay at 1.
     */
    public static SparseCosts fuseScores(SparseCosts distance, double[] scores) {
        double[] fused = new double[distance.size()];
        for (int e = 0; e < fused.length; e++) {
            fused[e] = 1 - (1 - distance.cost()[e]) * scores[distance.column()[e]];
        }
        return new SparseCosts(distance.rows(), distance.columns(), distance.row(), distance.column(), fused);
    }

    /** Index of the first value strictly above the bound in an ascending array. */
    private static int firstAbove(double[] sorted, double bound) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] > bound) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private static double area(double[] box) {
        return Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
    }
}
