package io.stride.e2e.fault;

import java.util.BitSet;
import java.util.List;

/**
 * Whether a task's results hold every frame of its source exactly once, in order: the frame indices found in the
 * result MP4 (read from each frame's stamp) and in the annotations (each line's {@code frame}), against the
 * source's frame count {@code n}.
 *
 * @param sourceFrames frames of the source video, {@code n}
 * @param mp4          what the MP4 holds
 * @param annotations  what the JSON Lines hold
 * @param lost         source frames missing from the MP4 or the annotations (or both)
 * @param doubled      extra copies of a frame, in whichever of the two has more
 */
record FrameAudit(int sourceFrames, Sequence mp4, Sequence annotations, int lost, int doubled) {

    /**
     * One output's frame indices.
     *
     * @param frames  how many frames it holds
     * @param missing indices of {@code 0..n-1} it lacks
     * @param doubled frames that repeat an index seen before
     * @param foreign frames with an index outside {@code 0..n-1} (or an unreadable stamp)
     * @param exact   whether it is exactly {@code 0, 1, ..., n-1}
     */
    record Sequence(int frames, int missing, int doubled, int foreign, boolean exact) {

        String describe() {
            if (exact) {
                return frames + " frames, exact";
            }
            String problems = missing + " lost, " + doubled + " doubled"
                    + (foreign > 0 ? ", " + foreign + " foreign" : "");
            if (missing == 0 && doubled == 0 && foreign == 0) {
                problems = "out of order";
            }
            return frames + " frames: " + problems;
        }
    }

    static FrameAudit of(int sourceFrames, List<Integer> mp4Indices, List<Integer> annotationIndices) {
        if (sourceFrames < 0) {
            throw new IllegalArgumentException("frame count " + sourceFrames);
        }
        BitSet inMp4 = present(sourceFrames, mp4Indices);
        BitSet inAnnotations = present(sourceFrames, annotationIndices);
        BitSet inBoth = (BitSet) inMp4.clone();
        inBoth.and(inAnnotations);
        Sequence mp4 = sequence(sourceFrames, mp4Indices, inMp4);
        Sequence annotations = sequence(sourceFrames, annotationIndices, inAnnotations);
        return new FrameAudit(sourceFrames, mp4, annotations, sourceFrames - inBoth.cardinality(),
                Math.max(mp4.doubled(), annotations.doubled()));
    }

    boolean exact() {
        return mp4.exact() && annotations.exact();
    }

    /** For the fault table and assertion messages. */
    String describe() {
        return "MP4 " + mp4.describe() + "; annotations " + annotations.describe() + " (source " + sourceFrames + ")";
    }

    private static BitSet present(int n, List<Integer> indices) {
        BitSet present = new BitSet(n);
        indices.stream().filter(i -> i >= 0 && i < n).forEach(present::set);
        return present;
    }

    private static Sequence sequence(int n, List<Integer> indices, BitSet present) {
        int foreign = (int) indices.stream().filter(i -> i < 0 || i >= n).count();
        int doubled = indices.size() - foreign - present.cardinality();
        boolean exact = indices.size() == n;
        for (int i = 0; exact && i < n; i++) {
            exact = indices.get(i) == i;
        }
        return new Sequence(indices.size(), n - present.cardinality(), doubled, foreign, exact);
    }
}
