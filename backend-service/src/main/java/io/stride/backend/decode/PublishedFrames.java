package io.stride.backend.decode;

/**
 * How far a task's {@code raw_frames} topic got, read from its last record.
 *
 * @param nextIndex  the index of the first frame not on the topic
 * @param frameCount the video's frame count when the end-of-stream record is on the topic, -1 otherwise
 */
public record PublishedFrames(long nextIndex, long frameCount) {

    public static final PublishedFrames NONE = new PublishedFrames(0, -1);

    /** Every frame and the end-of-stream record are on the topic. */
    public boolean isComplete() {
        return frameCount >= 0;
    }
}
