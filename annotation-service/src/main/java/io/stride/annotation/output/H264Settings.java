package io.stride.annotation.output;

import java.util.Objects;

/**
 * How {@link H264Mp4Writer} encodes.
 *
 * @param preset     x264 speed/size trade-off ({@code ultrafast} … {@code placebo})
 * @param crf        x264 constant rate factor, 0 (lossless) to 51; lower is better quality and bigger files
 * @param gopSeconds time between two keyframes
 */
public record H264Settings(String preset, int crf, double gopSeconds) {

    private static final int MAX_CRF = 51;

    public H264Settings {
        Objects.requireNonNull(preset, "preset");
        if (crf < 0 || crf > MAX_CRF) {
            throw new IllegalArgumentException("crf must be 0-" + MAX_CRF + ": " + crf);
        }
        if (!(gopSeconds > 0)) {
            throw new IllegalArgumentException("gopSeconds must be positive: " + gopSeconds);
        }
    }

    /** Frames from one keyframe to the next at the given frame rate; at least 1. */
    public int gopFrames(double fps) {
        return Math.max(1, (int) Math.round(fps * gopSeconds));
    }
}
