package io.stride.core.result;

import java.nio.file.Path;

/**
 * One closed segment of a live task's rolling recording: a standalone MP4 and its JSON Lines, both complete.
 *
 * @param number           the segment's number, from 1, in the order written; its files are named after it
 * @param startFrame       the task's frame index of its first frame
 * @param frames           how many frames it holds (its MP4's frames and its JSON Lines' lines)
 * @param startPtsUs       the presentation time of its first frame in the task, in microseconds; the MP4's own
 *                         timestamps start at 0 there
 * @param durationUs       how long it plays, in microseconds
 * @param videoBytes       the size of its MP4
 * @param annotationsBytes the size of its JSON Lines
 * @param endedAtMillis    when it was closed (epoch milliseconds, the writer's clock): what its age counts from
 */
public record RecordedSegment(int number, long startFrame, long frames, long startPtsUs, long durationUs,
                              long videoBytes, long annotationsBytes, long endedAtMillis) {

    private static final String VIDEO = ".mp4";
    private static final String ANNOTATIONS = ".jsonl";

    public RecordedSegment {
        if (number < 1) {
            throw new IllegalArgumentException("segments are numbered from 1: " + number);
        }
    }

    /** The name its files share, six digits or more: {@code 000001}. */
    public static String name(int number) {
        return String.format("%06d", number);
    }

    /** Its name. */
    public String name() {
        return name(number);
    }

    /** Its MP4 in the task's segments directory. */
    public Path video(Path segments) {
        return segments.resolve(name() + VIDEO);
    }

    /** Its JSON Lines in the task's segments directory. */
    public Path annotations(Path segments) {
        return segments.resolve(name() + ANNOTATIONS);
    }

    /** The MP4 of segment {@code number}, for the file being written. */
    public static Path video(Path segments, int number) {
        return segments.resolve(name(number) + VIDEO);
    }

    /** The JSON Lines of segment {@code number}. */
    public static Path annotations(Path segments, int number) {
        return segments.resolve(name(number) + ANNOTATIONS);
    }

    /** Both files together: what retention weighs. */
    public long bytes() {
        return videoBytes + annotationsBytes;
    }

    /** The index of the frame after its last. */
    public long endFrame() {
        return startFrame + frames;
    }
}
