package io.stride.annotation.output;

/**
 * A task's video as written: its frames' size and rate, how they are encoded and how many go in a segment.
 * All of a task's segments share it, which is what lets them join by stream copy.
 *
 * @param width         frame width; an odd one is padded to even ({@link EvenPadding})
 * @param height        frame height, likewise
 * @param fps           the constant frame rate of the video
 * @param segmentFrames frames per segment: how many at most a resumed task reads back
 */
public record VideoFormat(int width, int height, double fps, H264Settings encoder, int segmentFrames) {
}
