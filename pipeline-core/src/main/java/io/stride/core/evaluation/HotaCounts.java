package io.stride.core.evaluation;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The sums behind the HOTA scores (Luiten et al. 2021) of one or more sequences, one entry per localisation
 * threshold of {@link HotaMetrics#ALPHAS}. Sequences combine by adding them, which is TrackEval's combination:
 * AssA and LocA of the whole are the detection-weighted means of the parts.
 *
 * @param truePositives  matches at each threshold
 * @param falseNegatives target boxes left unmatched at each threshold
 * @param falsePositives tracker boxes left unmatched at each threshold
 * @param iouSum         IoU summed over the matches at each threshold, for LocA
 * @param associationSum the association accuracy of each match's id pair summed over the matches, for AssA
 */
public record HotaCounts(long[] truePositives, long[] falseNegatives, long[] falsePositives, double[] iouSum,
                         double[] associationSum) {

    /** TrackEval's floor under LocA's numerator and denominator, which makes LocA 1 where nothing matched. */
    private static final double LOCA_FLOOR = 1e-10;

    public HotaCounts {
        int n = HotaMetrics.ALPHAS.size();
        if (truePositives.length != n || falseNegatives.length != n || falsePositives.length != n
                || iouSum.length != n || associationSum.length != n) {
            throw new IllegalArgumentException("HOTA counts need one entry per threshold (" + n + ")");
        }
        truePositives = truePositives.clone();
        falseNegatives = falseNegatives.clone();
        falsePositives = falsePositives.clone();
        iouSum = iouSum.clone();
        associationSum = associationSum.clone();
    }

    /** Nothing counted: the start of a sum. */
    public static HotaCounts none() {
        int n = HotaMetrics.ALPHAS.size();
        return new HotaCounts(new long[n], new long[n], new long[n], new double[n], new double[n]);
    }

    /** The counts of two sequences together. */
    public HotaCounts plus(HotaCounts other) {
        int n = truePositives.length;
        HotaCounts sum = none();
        for (int a = 0; a < n; a++) {
            sum.truePositives[a] = truePositives[a] + other.truePositives[a];
            sum.falseNegatives[a] = falseNegatives[a] + other.falseNegatives[a];
            sum.falsePositives[a] = falsePositives[a] + other.falsePositives[a];
            sum.iouSum[a] = iouSum[a] + other.iouSum[a];
            sum.associationSum[a] = associationSum[a] + other.associationSum[a];
        }
        return sum;
    }

    /** HOTA: the mean over the thresholds of √(DetA · AssA). */
    public double hota() {
        return mean(this::hota);
    }

    /** Detection accuracy, the mean over the thresholds. */
    public double detA() {
        return mean(this::detA);
    }

    /** Association accuracy, the mean over the thresholds. */
    public double assA() {
        return mean(this::assA);
    }

    /** Localisation accuracy (mean IoU of the matches), the mean over the thresholds. */
    public double locA() {
        return mean(this::locA);
    }

    /** HOTA at the threshold {@code ALPHAS.get(alpha)}. */
    public double hota(int alpha) {
        return Math.sqrt(detA(alpha) * assA(alpha));
    }

    /** TP / (TP + FN + FP) at one threshold. */
    public double detA(int alpha) {
        long tp = truePositives[alpha];
        return tp / (double) Math.max(1, tp + falseNegatives[alpha] + falsePositives[alpha]);
    }

    /** The mean over the matches at one threshold of their id pair's association accuracy. */
    public double assA(int alpha) {
        return associationSum[alpha] / Math.max(1, truePositives[alpha]);
    }

    /** Mean IoU of the matches at one threshold. */
    public double locA(int alpha) {
        return Math.max(LOCA_FLOOR, iouSum[alpha]) / Math.max(LOCA_FLOOR, truePositives[alpha]);
    }

    private double mean(IntToDoubleFunction atThreshold) {
        return IntStream.range(0, truePositives.length).mapToDouble(atThreshold).average().orElseThrow();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HotaCounts o && Arrays.equals(truePositives, o.truePositives)
                && Arrays.equals(falseNegatives, o.falseNegatives) && Arrays.equals(falsePositives, o.falsePositives)
                && Arrays.equals(iouSum, o.iouSum) && Arrays.equals(associationSum, o.associationSum);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(truePositives) * 31 + Arrays.hashCode(falseNegatives);
    }

    @Override
    public String toString() {
        return "HotaCounts[tp=" + Arrays.toString(truePositives) + ", fn=" + Arrays.toString(falseNegatives)
                + ", fp=" + Arrays.toString(falsePositives) + ", iouSum=" + Arrays.toString(iouSum)
                + ", associationSum=" + Arrays.toString(associationSum) + "]";
    }
}
