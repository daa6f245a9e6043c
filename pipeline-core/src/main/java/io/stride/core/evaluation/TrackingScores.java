package io.stride.core.evaluation;

/**
 * Every score of one sequence, or of several combined (counts summed, ratios recomputed, as TrackEval).
 *
 * @param clear    CLEAR-MOT: MOTA, MOTP, ID switches, FP, FN, MT, ML
 * @param identity IDF1, IDP, IDR
 * @param hota     HOTA, DetA, AssA, LocA
 */
public record TrackingScores(ClearCounts clear, IdentityCounts identity, HotaCounts hota) {

    /** Scores one prepared sequence with every metric. */
    public static TrackingScores of(EvaluationSequence sequence) {
        return new TrackingScores(ClearMetrics.evaluate(sequence), IdentityMetrics.evaluate(sequence),
                HotaMetrics.evaluate(sequence));
    }

    /** The scores of two sequences together. */
    public TrackingScores plus(TrackingScores other) {
        return new TrackingScores(clear.plus(other.clear), identity.plus(other.identity), hota.plus(other.hota));
    }
}
