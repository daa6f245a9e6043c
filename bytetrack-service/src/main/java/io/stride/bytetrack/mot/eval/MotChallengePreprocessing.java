package io.stride.bytetrack.mot.eval;

import io.stride.bytetrack.mot.MotRow;
import io.stride.bytetrack.mot.MotTextFile;
import io.stride.bytetrack.tracker.IouDistance;
import io.stride.bytetrack.tracker.LinearAssignment;
import io.stride.bytetrack.tracker.Matching;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The MOTChallenge (MOT16/17/20) preprocessing of TrackEval's {@code MotChallenge2DBox}, frame by frame:
 * <ol>
 *   <li>tracker boxes are matched (IoU ≥ 0.5, most total IoU) against every ground-truth box of the frame,
 *       whatever its class or flag;</li>
 *   <li>tracker boxes matched to a distractor (person on vehicle 2, static person 7, distractor 8, reflection 12)
 *       are dropped: they are neither true nor false positives;</li>
 *   <li>only pedestrians (class 1) with consider flag 1 remain as targets. Occluders and other classes only
 *       took part in step 1, where a box matched to them is kept and may still match a pedestrian later.</li>
 * </ol>
 */
public final class MotChallengePreprocessing {

    public static final int PEDESTRIAN = 1;
    public static final Set<Integer> DISTRACTORS = Set.of(2, 7, 8, 12);
    private static final int MAX_CLASS = 13;
    /** TrackEval compares against thresholds with a float64 epsilon of slack. */
    private static final double EPS = Math.ulp(1.0);

    private MotChallengePreprocessing() {
    }

    /**
     * @param groundTruth rows of {@code gt.txt}: column 7 the consider flag, 8 the class
     * @param results     rows of a tracker's result file
     * @param length      frames in the sequence (1 to length)
     */
    public static EvaluationSequence prepare(List<MotRow> groundTruth, List<MotRow> results, int length) {
        Map<Integer, List<MotRow>> gtByFrame = MotTextFile.byFrame(groundTruth);
        Map<Integer, List<MotRow>> resultByFrame = MotTextFile.byFrame(results);
        for (int frame : resultByFrame.keySet()) {
            if (frame < 1 || frame > length) {
                throw new IllegalArgumentException("result frame " + frame + " is outside 1.." + length);
            }
        }
        Map<Integer, Integer> gtIdIndex = new TreeMap<>();
        Map<Integer, Integer> trackIdIndex = new TreeMap<>();
        List<int[]> gtRawIds = new ArrayList<>();
        List<int[]> trackRawIds = new ArrayList<>();
        List<double[][]> similarities = new ArrayList<>();

        for (int frame = 1; frame <= length; frame++) {
            List<MotRow> gt = gtByFrame.getOrDefault(frame, List.of());
            List<MotRow> tracks = resultByFrame.getOrDefault(frame, List.of());
            requireUniqueIds(gt, "ground truth", frame);
            requireUniqueIds(tracks, "result", frame);
            double[][] iou = iou(gt, tracks);
            Set<Integer> droppedTracks = distractorMatches(gt, tracks, iou);

            List<Integer> keptGt = new ArrayList<>();
            for (int g = 0; g < gt.size(); g++) {
                MotRow row = gt.get(g);
                int cls = (int) row.column8();
                if (cls < 1 || cls > MAX_CLASS) {
                    throw new IllegalArgumentException("ground truth frame " + frame + " has invalid class " + cls);
                }
                if (row.column7() != 0 && cls == PEDESTRIAN) {
                    keptGt.add(g);
                }
            }
            List<Integer> keptTracks = new ArrayList<>();
            for (int t = 0; t < tracks.size(); t++) {
                if (!droppedTracks.contains(t)) {
                    keptTracks.add(t);
                }
            }
            int[] gtIds = new int[keptGt.size()];
            int[] trackIds = new int[keptTracks.size()];
            double[][] similarity = new double[keptGt.size()][keptTracks.size()];
            for (int a = 0; a < keptGt.size(); a++) {
                gtIds[a] = gt.get(keptGt.get(a)).id();
                gtIdIndex.put(gtIds[a], 0);
                for (int b = 0; b < keptTracks.size(); b++) {
                    similarity[a][b] = iou[keptGt.get(a)][keptTracks.get(b)];
                }
            }
            for (int b = 0; b < keptTracks.size(); b++) {
                trackIds[b] = tracks.get(keptTracks.get(b)).id();
                trackIdIndex.put(trackIds[b], 0);
            }
            gtRawIds.add(gtIds);
            trackRawIds.add(trackIds);
            similarities.add(similarity);
        }

        // Contiguous ids in ascending order of the original ones, as TrackEval relabels them.
        renumber(gtIdIndex);
        renumber(trackIdIndex);
        List<EvaluationSequence.Frame> frames = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            frames.add(new EvaluationSequence.Frame(relabel(gtRawIds.get(i), gtIdIndex),
                    relabel(trackRawIds.get(i), trackIdIndex), similarities.get(i)));
        }
        return new EvaluationSequence(frames, gtIdIndex.size(), trackIdIndex.size());
    }

    private static Set<Integer> distractorMatches(List<MotRow> gt, List<MotRow> tracks, double[][] iou) {
        Set<Integer> dropped = new HashSet<>();
        if (gt.isEmpty() || tracks.isEmpty()) {
            return dropped;
        }
        double[][] cost = new double[gt.size()][tracks.size()];
        for (int g = 0; g < gt.size(); g++) {
            for (int t = 0; t < tracks.size(); t++) {
                cost[g][t] = iou[g][t] < MatchingThreshold.VALUE - EPS ? 0 : -iou[g][t];
            }
        }
        Matching matching = LinearAssignment.solve(cost, tracks.size(), -EPS);
        for (int[] pair : matching.pairs()) {
            if (DISTRACTORS.contains((int) gt.get(pair[0]).column8())) {
                dropped.add(pair[1]);
            }
        }
        return dropped;
    }

    private static double[][] iou(List<MotRow> gt, List<MotRow> tracks) {
        double[][] iou = new double[gt.size()][tracks.size()];
        for (int g = 0; g < gt.size(); g++) {
            double[] a = gt.get(g).tlbr();
            for (int t = 0; t < tracks.size(); t++) {
                iou[g][t] = IouDistance.iou(a, tracks.get(t).tlbr());
            }
        }
        return iou;
    }

    private static void requireUniqueIds(List<MotRow> rows, String what, int frame) {
        Set<Integer> seen = new HashSet<>();
        for (MotRow row : rows) {
            if (!seen.add(row.id())) {
                throw new IllegalArgumentException(what + " frame " + frame + " has id " + row.id() + " twice");
            }
        }
    }

    private static void renumber(Map<Integer, Integer> index) {
        int next = 0;
        for (Map.Entry<Integer, Integer> entry : index.entrySet()) {
            entry.setValue(next++);
        }
    }

    private static int[] relabel(int[] ids, Map<Integer, Integer> index) {
        int[] relabelled = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            relabelled[i] = index.get(ids[i]);
        }
        return relabelled;
    }
}
