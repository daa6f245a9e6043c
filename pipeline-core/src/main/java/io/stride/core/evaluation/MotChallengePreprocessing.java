package io.stride.core.evaluation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The MOTChallenge (MOT16/17) preprocessing of TrackEval's {@code MotChallenge2DBox}, frame by frame:
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

    private MotChallengePreprocessing() {
    }

    /**
     * @param groundTruth rows of a {@code gt.txt}
     * @param results     rows of a tracker's result
     * @param length      frames in the sequence (1 to length); rows after it are refused
     * @throws IllegalArgumentException when a row lies outside the sequence or an id appears twice in a frame
     */
    public static EvaluationSequence prepare(List<GroundTruthBox> groundTruth, List<TrackedBox> results,
                                             int length) {
        List<List<GroundTruthBox>> gtByFrame = byFrame(groundTruth, GroundTruthBox::frame, length, "ground truth");
        List<List<TrackedBox>> resultByFrame = byFrame(results, TrackedBox::frame, length, "result");
        Map<Integer, Integer> gtIdIndex = new TreeMap<>();
        Map<Integer, Integer> trackIdIndex = new TreeMap<>();
        List<EvaluationSequence.Frame> rawFrames = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            EvaluationSequence.Frame frame = prepareFrame(gtByFrame.get(i), resultByFrame.get(i), i + 1);
            for (int id : frame.gtIds()) {
                gtIdIndex.put(id, 0);
            }
            for (int id : frame.trackIds()) {
                trackIdIndex.put(id, 0);
            }
            rawFrames.add(frame);
        }
        // Contiguous ids in ascending order of the original ones, as TrackEval relabels them.
        renumber(gtIdIndex);
        renumber(trackIdIndex);
        List<EvaluationSequence.Frame> frames = rawFrames.stream().map(f -> new EvaluationSequence.Frame(
                relabel(f.gtIds(), gtIdIndex), relabel(f.trackIds(), trackIdIndex), f.similarity())).toList();
        return new EvaluationSequence(frames, gtIdIndex.size(), trackIdIndex.size());
    }

    /** The frame's scored targets and kept tracker boxes, with their original ids. */
    private static EvaluationSequence.Frame prepareFrame(List<GroundTruthBox> gt, List<TrackedBox> tracks,
                                                         int frame) {
        requireUniqueIds(gt.stream().map(GroundTruthBox::id).toList(), "ground truth", frame);
        requireUniqueIds(tracks.stream().map(TrackedBox::id).toList(), "result", frame);
        double[][] iou = new double[gt.size()][tracks.size()];
        for (int g = 0; g < gt.size(); g++) {
            double[] target = gt.get(g).corners();
            for (int t = 0; t < tracks.size(); t++) {
                iou[g][t] = Boxes.iou(target, tracks.get(t).corners());
            }
        }
        Set<Integer> droppedTracks = distractorMatches(gt, iou, tracks.size());
        List<Integer> keptGt = new ArrayList<>();
        for (int g = 0; g < gt.size(); g++) {
            if (gt.get(g).considered() && gt.get(g).objectClass() == PEDESTRIAN) {
                keptGt.add(g);
            }
        }
        List<Integer> keptTracks = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            if (!droppedTracks.contains(t)) {
                keptTracks.add(t);
            }
        }
        double[][] similarity = new double[keptGt.size()][keptTracks.size()];
        for (int a = 0; a < keptGt.size(); a++) {
            for (int b = 0; b < keptTracks.size(); b++) {
                similarity[a][b] = iou[keptGt.get(a)][keptTracks.get(b)];
            }
        }
        return new EvaluationSequence.Frame(keptGt.stream().mapToInt(g -> gt.get(g).id()).toArray(),
                keptTracks.stream().mapToInt(t -> tracks.get(t).id()).toArray(), similarity);
    }

    private static Set<Integer> distractorMatches(List<GroundTruthBox> gt, double[][] iou, int trackCount) {
        double[][] weights = new double[gt.size()][trackCount];
        for (int g = 0; g < gt.size(); g++) {
            for (int t = 0; t < trackCount; t++) {
                weights[g][t] = iou[g][t] < MatchingThreshold.VALUE - MatchingThreshold.SLACK ? 0 : iou[g][t];
            }
        }
        Set<Integer> dropped = new HashSet<>();
        for (int[] pair : Assignment.maximumWeight(weights, trackCount)) {
            if (DISTRACTORS.contains(gt.get(pair[0]).objectClass())) {
                dropped.add(pair[1]);
            }
        }
        return dropped;
    }

    private static <T> List<List<T>> byFrame(List<T> rows, java.util.function.ToIntFunction<T> frameOf, int length,
                                             String what) {
        List<List<T>> frames = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            frames.add(new ArrayList<>());
        }
        for (T row : rows) {
            int frame = frameOf.applyAsInt(row);
            if (frame < 1 || frame > length) {
                throw new IllegalArgumentException(what + " frame " + frame + " is outside 1.." + length);
            }
            frames.get(frame - 1).add(row);
        }
        return frames;
    }

    private static void requireUniqueIds(List<Integer> ids, String what, int frame) {
        Set<Integer> seen = new HashSet<>();
        for (int id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException(what + " frame " + frame + " has id " + id + " twice");
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
