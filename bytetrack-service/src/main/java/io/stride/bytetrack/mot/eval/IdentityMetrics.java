package io.stride.bytetrack.mot.eval;

import io.stride.bytetrack.tracker.LinearAssignment;
import io.stride.bytetrack.tracker.Matching;

/**
 * IDF1, IDP and IDR: each target id is paired with at most one tracker id for the whole sequence so that the
 * number of frames where the pair overlaps (IoU ≥ 0.5) is largest; those frames are the IDTP. TrackEval solves
 * the same problem on an extended (targets + trackers)² FN + FP matrix, whose optimum is exactly this one.
 */
public final class IdentityMetrics {

    private IdentityMetrics() {
    }

    public static IdentityCounts evaluate(EvaluationSequence sequence) {
        int gtDetections = sequence.gtDetections();
        int trackDetections = sequence.trackDetections();
        if (trackDetections == 0) {
            return new IdentityCounts(0, gtDetections, 0);
        }
        if (gtDetections == 0) {
            return new IdentityCounts(0, 0, trackDetections);
        }
        double[][] overlapFrames = new double[sequence.gtIdCount()][sequence.trackIdCount()];
        for (EvaluationSequence.Frame frame : sequence.frames()) {
            for (int a = 0; a < frame.gtIds().length; a++) {
                for (int b = 0; b < frame.trackIds().length; b++) {
                    if (frame.similarity()[a][b] >= MatchingThreshold.VALUE) {
                        overlapFrames[frame.gtIds()[a]][frame.trackIds()[b]]++;
                    }
                }
            }
        }
        double[][] cost = new double[overlapFrames.length][];
        for (int g = 0; g < overlapFrames.length; g++) {
            cost[g] = new double[overlapFrames[g].length];
            for (int t = 0; t < cost[g].length; t++) {
                cost[g][t] = -overlapFrames[g][t];
            }
        }
        Matching matching = LinearAssignment.solve(cost, sequence.trackIdCount(), 0);
        long idtp = 0;
        for (int[] pair : matching.pairs()) {
            idtp += (long) overlapFrames[pair[0]][pair[1]];
        }
        return new IdentityCounts(idtp, gtDetections - idtp, trackDetections - idtp);
    }
}
