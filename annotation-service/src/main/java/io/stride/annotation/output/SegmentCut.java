package io.stride.annotation.output;

import java.time.Duration;

/**
 * Where a live task's recording is cut: a segment ends before the first frame whose presentation time is
 * {@code length} or more after the segment's first frame. The cut follows the frames' own times, not their
 * count, so a segment covers the same span of real time whatever the frame rate (a camera's rate varies, and
 * its "source unavailable" stills come at a few a second). A task resumed after its last closed segment cuts
 * its next ones where an uninterrupted run does.
 */
record SegmentCut(Duration length) {

    SegmentCut {
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a segment must last longer than 0: " + length);
        }
    }

    /**
     * Whether the frame at {@code framePtsUs} starts a new segment, the current one having started at
     * {@code segmentStartPtsUs}.
     */
    boolean startsNewSegment(long segmentStartPtsUs, long framePtsUs) {
        return framePtsUs - segmentStartPtsUs >= length.toNanos() / 1_000;
    }
}
