package io.stride.core.evaluation;

/** The IoU a tracker box needs with a target to count as a match in the MOTChallenge preprocessing, CLEAR and ID. */
final class MatchingThreshold {

    static final double VALUE = 0.5;
    /** TrackEval compares against its thresholds with a float64 epsilon of slack; so does this package. */
    static final double SLACK = Math.ulp(1.0);

    private MatchingThreshold() {
    }
}
