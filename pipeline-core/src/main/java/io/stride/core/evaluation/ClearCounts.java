package io.stride.core.evaluation;

/**
 * The counts behind the CLEAR-MOT scores of one or more sequences.
 *
 * @param truePositives  matched target boxes (IoU ≥ 0.5)
 * @param falseNegatives missed target boxes
 * @param falsePositives tracker boxes matched to no target
 * @param idSwitches     matches whose tracker id differs from the target's previous match
 * @param fragmentations times a target's tracking resumed after an interruption
 * @param mostlyTracked  targets matched in more than 80 % of their frames
 * @param partlyTracked  targets matched in 20 % to 80 % of their frames
 * @param mostlyLost     targets matched in less than 20 % of their frames
 * @param iouSum         IoU summed over the matches, for MOTP
 */
public record ClearCounts(long truePositives, long falseNegatives, long falsePositives, long idSwitches,
                          long fragmentations, int mostlyTracked, int partlyTracked, int mostlyLost, double iouSum) {

    /** Nothing counted: the start of a sum. */
    public static final ClearCounts NONE = new ClearCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The counts of two sequences together. */
    public ClearCounts plus(ClearCounts other) {
        return new ClearCounts(truePositives + other.truePositives, falseNegatives + other.falseNegatives,
                falsePositives + other.falsePositives, idSwitches + other.idSwitches,
                fragmentations + other.fragmentations, mostlyTracked + other.mostlyTracked,
                partlyTracked + other.partlyTracked, mostlyLost + other.mostlyLost, iouSum + other.iouSum);
    }

    /** 1 − (FN + FP + IDs) / targets; can be negative. */
    public double mota() {
        return (truePositives - falsePositives - idSwitches) / (double) Math.max(1, truePositives + falseNegatives);
    }

    /** Mean IoU of the matches (TrackEval's MOTP: higher is better). */
    public double motp() {
        return iouSum / Math.max(1, truePositives);
    }
}
