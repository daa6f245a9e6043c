package io.stride.core.evaluation;

import java.util.Arrays;
import java.util.List;

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
    private static final int NONE = -1;

    private ClearMetrics() {
    }

    /** The CLEAR-MOT counts of one prepared sequence. */
    public static ClearCounts evaluate(EvaluationSequence sequence) {
        if (sequence.trackDetections() == 0) {
            return new ClearCounts(0, sequence.gtDetections(), 0, 0, 0, 0, 0, sequence.gtIdCount(), 0);
        }
        if (sequence.gtDetections() == 0) {
            return new ClearCounts(0, 0, sequence.trackDetections(), 0, 0, 0, 0, 0, 0);
        }
        Progress progress = new Progress(sequence.gtIdCount());
        for (EvaluationSequence.Frame frame : sequence.frames()) {
            progress.score(frame);
        }
        return progress.counts();
    }

    /** What is known after the frames seen so far. */
    private static final class Progress {

        private final int targets;
        private final int[] framesPresent;
        private final int[] framesMatched;
        private final int[] trackingStarts;
        /** The tracker id a target was last matched to (any frame back), for id switches... */
        private final int[] lastTrackId;
        /** ...and the one it was matched to in the previous scored frame, for continuation and fragmentation. */
        private int[] previousTrackId;
        private long tp;
        private long fn;
        private long fp;
        private long idSwitches;
        private double iouSum;

        Progress(int targets) {
            this.targets = targets;
            framesPresent = new int[targets];
            framesMatched = new int[targets];
            trackingStarts = new int[targets];
            lastTrackId = filled(targets);
            previousTrackId = filled(targets);
        }

        void score(EvaluationSequence.Frame frame) {
            int[] gtIds = frame.gtIds();
            int[] trackIds = frame.trackIds();
            if (gtIds.length == 0) {
                fp += trackIds.length;
                return;
            }
            for (int g : gtIds) {
                framesPresent[g]++;
            }
            if (trackIds.length == 0) {
                // As TrackEval: a frame without tracker boxes leaves the "tracked last frame" state as it was.
                fn += gtIds.length;
                return;
            }
            int[] current = filled(targets);
            List<int[]> pairs = Assignment.maximumWeight(weights(frame), trackIds.length);
            for (int[] pair : pairs) {
                int target = gtIds[pair[0]];
                int track = trackIds[pair[1]];
                if (lastTrackId[target] != NONE && lastTrackId[target] != track) {
                    idSwitches++;
                }
                lastTrackId[target] = track;
                current[target] = track;
                framesMatched[target]++;
                iouSum += frame.similarity()[pair[0]][pair[1]];
            }
            for (int target = 0; target < targets; target++) {
                if (previousTrackId[target] == NONE && current[target] != NONE) {
                    trackingStarts[target]++;
                }
            }
            previousTrackId = current;
            tp += pairs.size();
            fn += gtIds.length - pairs.size();
            fp += trackIds.length - pairs.size();
        }

        private double[][] weights(EvaluationSequence.Frame frame) {
            double[][] similarity = frame.similarity();
            double[][] weights = new double[frame.gtIds().length][frame.trackIds().length];
            for (int a = 0; a < weights.length; a++) {
                for (int b = 0; b < weights[a].length; b++) {
                    if (similarity[a][b] >= MatchingThreshold.VALUE - MatchingThreshold.SLACK) {
                        boolean continued = previousTrackId[frame.gtIds()[a]] == frame.trackIds()[b];
                        weights[a][b] = (continued ? CONTINUATION_BONUS : 0) + similarity[a][b];
                    }
                }
            }
            return weights;
        }

        ClearCounts counts() {
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
                fragmentations += Math.max(0, trackingStarts[target] - 1);
            }
            int mostlyLost = targets - mostlyTracked - partlyTracked;
            return new ClearCounts(tp, fn, fp, idSwitches, fragmentations, mostlyTracked, partlyTracked, mostlyLost,
                    iouSum);
        }
    }

    private static int[] filled(int size) {
        int[] values = new int[size];
        Arrays.fill(values, NONE);
        return values;
    }
}
