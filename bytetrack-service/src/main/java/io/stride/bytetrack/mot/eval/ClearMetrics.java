package io.stride.bytetrack.mot.eval;

import io.stride.bytetrack.tracker.LinearAssignment;
import io.stride.bytetrack.tracker.Matching;
import java.util.Arrays;

/**
 * CLEAR-MOT (Bernardin and Stiefelhagen 2008) as TrackEval computes it. In each frame targets and tracker boxes
 * with IoU ≥ 0.5 are matched, first keeping the pairs matched in the previous frame (so an id switch is only
 * counted when it cannot be avoided), then maximising the total IoU.
 */
public final class ClearMetrics {

    /** Weight that makes continuing last frame's pairs win over any IoU gain. */
    private static final double CONTINUATION_BONUS = 1000;
    private static final double MOSTLY_TRACKED = 0.8;
    private static final double PARTLY_TRACKED = 0.2;
    private static final double EPS = Math.ulp(1.0);
    private static final int NONE = -1;

    private ClearMetrics() {
    }

    public static ClearCounts evaluate(EvaluationSequence sequence) {
        int gtDetections = sequence.gtDetections();
        int trackDetections = sequence.trackDetections();
        if (trackDetections == 0) {
            return new ClearCounts(0, gtDetections, 0, 0, 0, 0, 0, sequence.gtIdCount(), 0);
        }
        if (gtDetections == 0) {
            return new ClearCounts(0, 0, trackDetections, 0, 0, 0, 0, 0, 0);
        }
        int targets = sequence.gtIdCount();
        int[] framesPresent = new int[targets];
        int[] framesMatched = new int[targets];
        int[] trackingStarts = new int[targets];
        // The tracker id a target was last matched to (any frame back), for id switches...
        int[] lastTrackId = filled(targets);
        // ...and the one it was matched to in the previous scored frame, for continuation and fragmentation.
        int[] previousTrackId = filled(targets);
        long tp = 0;
        long fn = 0;
        long fp = 0;
        long idSwitches = 0;
        double iouSum = 0;

        for (EvaluationSequence.Frame frame : sequence.frames()) {
            int[] gtIds = frame.gtIds();
            int[] trackIds = frame.trackIds();
            if (gtIds.length == 0) {
                fp += trackIds.length;
                continue;
            }
            if (trackIds.length == 0) {
                fn += gtIds.length;
                for (int g : gtIds) {
                    framesPresent[g]++;
                }
                continue;
            }
            double[][] similarity = frame.similarity();
            double[][] cost = new double[gtIds.length][trackIds.length];
            for (int a = 0; a < gtIds.length; a++) {
                for (int b = 0; b < trackIds.length; b++) {
                    if (similarity[a][b] >= MatchingThreshold.VALUE - EPS) {
                        double continued = previousTrackId[gtIds[a]] == trackIds[b] ? CONTINUATION_BONUS : 0;
                        cost[a][b] = -(continued + similarity[a][b]);
                    }
                }
            }
            Matching matching = LinearAssignment.solve(cost, trackIds.length, -EPS);

            int[] matchedTrack = new int[gtIds.length];
            Arrays.fill(matchedTrack, NONE);
            int matches = 0;
            for (int[] pair : matching.pairs()) {
                int target = gtIds[pair[0]];
                int track = trackIds[pair[1]];
                if (lastTrackId[target] != NONE && lastTrackId[target] != track) {
                    idSwitches++;
                }
                lastTrackId[target] = track;
                matchedTrack[pair[0]] = track;
                framesMatched[target]++;
                iouSum += similarity[pair[0]][pair[1]];
                matches++;
            }
            for (int g : gtIds) {
                framesPresent[g]++;
            }
            int[] current = filled(targets);
            for (int a = 0; a < gtIds.length; a++) {
                current[gtIds[a]] = matchedTrack[a];
            }
            for (int target = 0; target < targets; target++) {
                if (previousTrackId[target] == NONE && current[target] != NONE) {
                    trackingStarts[target]++;
                }
            }
            previousTrackId = current;
            tp += matches;
            fn += gtIds.length - matches;
            fp += trackIds.length - matches;
        }

        int mostlyTracked = 0;
        int partlyTracked = 0;
        long fragmentations = 0;
        for (int target = 0; target < targets; target++) {
            if (framesPresent[target] > 0) {
                double ratio = framesMatched[target] / (double) framesPresent[target];
                if (ratio > MOSTLY_TRACKED) {
                    mostlyTracked++;
                } else if (ratio >= PARTLY_TRACKED) {
                    partlyTracked++;
                }
            }
            if (trackingStarts[target] > 0) {
                fragmentations += trackingStarts[target] - 1;
            }
        }
        int mostlyLost = targets - mostlyTracked - partlyTracked;
        return new ClearCounts(tp, fn, fp, idSwitches, fragmentations, mostlyTracked, partlyTracked, mostlyLost,
                iouSum);
    }

    private static int[] filled(int size) {
        int[] values = new int[size];
        Arrays.fill(values, NONE);
        return values;
    }
}
