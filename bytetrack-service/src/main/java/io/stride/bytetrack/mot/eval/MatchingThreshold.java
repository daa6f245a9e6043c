package io.stride.bytetrack.mot.eval;

/** The IoU a tracker box needs with a target to count as a match in every MOTChallenge metric. */
final class MatchingThreshold {

    static final double VALUE = 0.5;

    private MatchingThreshold() {
    }
}
