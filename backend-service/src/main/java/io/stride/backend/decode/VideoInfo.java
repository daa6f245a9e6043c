package io.stride.backend.decode;

/**
 * What probing an upload found out.
 *
 * @param width           width of the picture as a player shows it (after {@code rotation})
 * @param height          height of the picture as a player shows it
 * @param fps             the average frame rate the container gives
 * @param estimatedFrames frames the container announces; may be off, 0 if it does not say
 * @param format          FFmpeg's name of the container format
 * @param codec           FFmpeg's name of the video decoder
 * @param rotation        clockwise rotation, 0, 90, 180 or 270 degrees, that turns a decoded frame upright
 *                        (the stream's display matrix, as phones write it)
 * @param durationMicros  the container's duration, -1 when it does not say
 */
public record VideoInfo(int width, int height, double fps, long estimatedFrames, String format, String codec,
                        int rotation, long durationMicros) {

    /** An upright video of unknown duration. */
    public VideoInfo(int width, int height, double fps, long estimatedFrames, String format, String codec) {
        this(width, height, fps, estimatedFrames, format, codec, 0, -1);
    }
}
