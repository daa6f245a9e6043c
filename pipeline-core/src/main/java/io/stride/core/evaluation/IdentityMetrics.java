package io.stride.core.evaluation;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * IDF1, IDP and IDR: each target id is paired with at most one tracker id for the whole sequence so that the
 * number of frames where the pair overlaps (IoU ≥ 0.5) is largest; those frames are the IDTP. TrackEval solves
 * the same problem on an extended (targets + trackers)² FN + FP matrix, whose optimum is exactly this one.
 */
public final class IdentityMetrics {

    private IdentityMetrics() {
    }

    /** The identity counts of one prepared sequence. */
    public static IdentityCounts evaluate(EvaluationSequence sequence) {
        int gtDetections = sequence.gtDetections();
        int trackDetections = sequence.trackDetections();
        if (trackDetections == 0 || gtDetections == 0) {
            return new IdentityCounts(0, gtDetections, trackDetections);
        }
        // Sparse: a long video has thousands of tracker ids, each overlapping few targets.
        Map<IdPair, Integer> overlapFrames = new HashMap<>();
        for (EvaluationSequence.Frame frame : sequence.frames()) {
            for (int a = 0; a < frame.gtIds().length; a++) {
                for (int b = 0; b < frame.trackIds().length; b++) {
                    if (frame.similarity()[a][b] >= MatchingThreshold.VALUE) {
                        overlapFrames.merge(new IdPair(frame.gtIds()[a], frame.trackIds()[b]), 1, Integer::sum);
                    }
                }
            }
        }
        long idtp = bestPairingOverlap(overlapFrames);
        return new IdentityCounts(idtp, gtDetections - idtp, trackDetections - idtp);
    }

    private static long bestPairingOverlap(Map<IdPair, Integer> overlapFrames) {
        Map<Integer, Integer> rowOf = index(new TreeSet<>(overlapFrames.keySet().stream().map(IdPair::gt).toList()));
        Map<Integer, Integer> columnOf =
                index(new TreeSet<>(overlapFrames.keySet().stream().map(IdPair::track).toList()));
        double[][] weights = new double[rowOf.size()][columnOf.size()];
        overlapFrames.forEach((pair, frames) -> weights[rowOf.get(pair.gt())][columnOf.get(pair.track())] = frames);
        long idtp = 0;
        for (int[] pair : Assignment.maximumWeight(weights, columnOf.size())) {
            idtp += (long) weights[pair[0]][pair[1]];
        }
        return idtp;
    }

    private static Map<Integer, Integer> index(TreeSet<Integer> ids) {
        Map<Integer, Integer> index = new HashMap<>();
        for (int id : ids) {
            index.put(id, index.size());
        }
        return index;
    }

    private record IdPair(int gt, int track) {
    }
}
