package io.stride.core.evaluation;

import java.util.List;

/**
 * A sequence ready for scoring: per frame, the ground-truth targets and tracker boxes that count, with ids
 * renumbered 0..n−1 in each of the two id spaces, and their IoU.
 *
 * @param frames       one entry per frame, in order
 * @param gtIdCount    distinct target ids
 * @param trackIdCount distinct tracker ids
 */
public record EvaluationSequence(List<Frame> frames, int gtIdCount, int trackIdCount) {

    public EvaluationSequence {
        frames = List.copyOf(frames);
    }

    /**
     * @param gtIds      target ids present in the frame
     * @param trackIds   tracker ids present in the frame
     * @param similarity IoU, rows targets and columns tracker boxes
     */
    public record Frame(int[] gtIds, int[] trackIds, double[][] similarity) {
    }

    /** Target boxes over all frames. */
    public int gtDetections() {
        return frames.stream().mapToInt(f -> f.gtIds().length).sum();
    }

    /** Tracker boxes over all frames. */
    public int trackDetections() {
        return frames.stream().mapToInt(f -> f.trackIds().length).sum();
    }
}
