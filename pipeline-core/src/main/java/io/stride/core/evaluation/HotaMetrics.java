package io.stride.core.evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * HOTA (Luiten et al. 2021) as TrackEval computes it. First, over the whole sequence, every target–tracker id pair
 * gets a global alignment score: how much the two overlap in the frames they share, as a Jaccard index of their
 * detections. Then in each frame targets and tracker boxes are matched once, maximising the sum of alignment × IoU;
 * at each localisation threshold α the matches with IoU ≥ α count as true positives, and a match's association
 * accuracy is |TPA| / (|TPA| + |FNA| + |FPA|) of its id pair at that threshold.
 */
public final class HotaMetrics {

    /** The localisation thresholds 0.05, 0.10, … 0.95, computed as NumPy's {@code arange(0.05, 0.99, 0.05)}. */
    public static final List<Double> ALPHAS = IntStream.range(0, 19).mapToObj(i -> 0.05 + i * 0.05).toList();

    private HotaMetrics() {
    }

    /** The HOTA counts of one prepared sequence. */
    public static HotaCounts evaluate(EvaluationSequence sequence) {
        HotaCounts counts = HotaCounts.none();
        if (sequence.trackDetections() == 0 || sequence.gtDetections() == 0) {
            for (int a = 0; a < ALPHAS.size(); a++) {
                counts.falseNegatives()[a] = sequence.gtDetections();
                counts.falsePositives()[a] = sequence.trackDetections();
            }
            return counts;
        }
        Alignment alignment = Alignment.of(sequence);
        Map<Long, int[]> matchesPerPair = new HashMap<>();
        for (EvaluationSequence.Frame frame : sequence.frames()) {
            matchFrame(frame, alignment, counts, matchesPerPair);
        }
        matchesPerPair.forEach((pair, matches) -> {
            int detections = alignment.gtDetections[(int) (pair >> Integer.SIZE)]
                    + alignment.trackDetections[(int) (long) pair];
            for (int a = 0; a < ALPHAS.size(); a++) {
                double pairAccuracy = matches[a] / (double) Math.max(1, detections - matches[a]);
                counts.associationSum()[a] += matches[a] * pairAccuracy;
            }
        });
        return counts;
    }

    private static void matchFrame(EvaluationSequence.Frame frame, Alignment alignment, HotaCounts counts,
                                   Map<Long, int[]> matchesPerPair) {
        int[] gtIds = frame.gtIds();
        int[] trackIds = frame.trackIds();
        double[][] similarity = frame.similarity();
        double[][] weights = new double[gtIds.length][trackIds.length];
        for (int a = 0; a < gtIds.length; a++) {
            for (int b = 0; b < trackIds.length; b++) {
                weights[a][b] = alignment.score(gtIds[a], trackIds[b]) * similarity[a][b];
            }
        }
        List<int[]> pairs = Assignment.maximumWeight(weights, trackIds.length);
        for (int alpha = 0; alpha < ALPHAS.size(); alpha++) {
            long matches = 0;
            for (int[] pair : pairs) {
                double iou = similarity[pair[0]][pair[1]];
                if (iou >= ALPHAS.get(alpha) - MatchingThreshold.SLACK) {
                    matches++;
                    counts.iouSum()[alpha] += iou;
                    matchesPerPair.computeIfAbsent(key(gtIds[pair[0]], trackIds[pair[1]]),
                            k -> new int[ALPHAS.size()])[alpha]++;
                }
            }
            counts.truePositives()[alpha] += matches;
            counts.falseNegatives()[alpha] += gtIds.length - matches;
            counts.falsePositives()[alpha] += trackIds.length - matches;
        }
    }

    private static long key(int gtId, int trackId) {
        return ((long) gtId << Integer.SIZE) | (trackId & 0xffffffffL);
    }

    /** The global alignment score of every id pair that ever overlaps, and each id's number of detections. */
    private record Alignment(Map<Long, Double> potentialMatches, int[] gtDetections, int[] trackDetections) {

        static Alignment of(EvaluationSequence sequence) {
            Alignment alignment = new Alignment(new HashMap<>(), new int[sequence.gtIdCount()],
                    new int[sequence.trackIdCount()]);
            for (EvaluationSequence.Frame frame : sequence.frames()) {
                alignment.add(frame);
            }
            return alignment;
        }

        /**
         * Each overlap counts as IoU / (the row's IoU sum + the column's IoU sum − IoU): a box overlapping several
         * others shares its potential match among them.
         */
        private void add(EvaluationSequence.Frame frame) {
            double[][] similarity = frame.similarity();
            int rows = frame.gtIds().length;
            int columns = frame.trackIds().length;
            double[] rowSums = new double[rows];
            double[] columnSums = new double[columns];
            for (int a = 0; a < rows; a++) {
                for (int b = 0; b < columns; b++) {
                    rowSums[a] += similarity[a][b];
                    columnSums[b] += similarity[a][b];
                }
            }
            for (int a = 0; a < rows; a++) {
                for (int b = 0; b < columns; b++) {
                    double denominator = rowSums[a] + columnSums[b] - similarity[a][b];
                    if (similarity[a][b] > 0 && denominator > MatchingThreshold.SLACK) {
                        potentialMatches.merge(key(frame.gtIds()[a], frame.trackIds()[b]),
                                similarity[a][b] / denominator, Double::sum);
                    }
                }
            }
            for (int g : frame.gtIds()) {
                gtDetections[g]++;
            }
            for (int t : frame.trackIds()) {
                trackDetections[t]++;
            }
        }

        double score(int gtId, int trackId) {
            Double potential = potentialMatches.get(key(gtId, trackId));
            if (potential == null) {
                return 0;
            }
            return potential / (gtDetections[gtId] + trackDetections[trackId] - potential);
        }
    }
}
