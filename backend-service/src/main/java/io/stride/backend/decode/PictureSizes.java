package io.stride.backend.decode;

import java.util.Optional;

/**
 * The decoded pictures' sizes. A video's frame size is its first picture's: a later picture of another size (a
 * stream that changes resolution mid-way, as adaptive-bitrate recordings and spliced files do) is scaled to it, so
 * every frame of a task has one size, as the stages and the result's MP4 need, and no frame is dropped. Scaling was
 * chosen over failing the task: the frames are worth having, and the warning keeps anyone from missing the change.
 * A picture of another shape is stretched, not letterboxed.
 */
final class PictureSizes {

    private int width;
    private int height;
    private long frames;
    private long scaled;
    private long firstChangeIndex = -1;
    private int changedWidth;
    private int changedHeight;

    /** Notes the size of picture {@code index}; the first one noted is the video's frame size. */
    void note(long index, int pictureWidth, int pictureHeight) {
        if (frames++ == 0) {
            width = pictureWidth;
            height = pictureHeight;
        } else if (pictureWidth != width || pictureHeight != height) {
            if (scaled++ == 0) {
                firstChangeIndex = index;
                changedWidth = pictureWidth;
                changedHeight = pictureHeight;
            }
        }
    }

    /** The first picture's width, which every frame is scaled to. */
    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /**
     * What the task's status says when pictures were scaled, in the upright sizes a player shows.
     *
     * @param clockwiseRotation the rotation that turns a decoded picture upright
     */
    Optional<String> warning(int clockwiseRotation) {
        if (scaled == 0) {
            return Optional.empty();
        }
        boolean swap = FrameRotation.swapsSides(clockwiseRotation);
        String first = size(width, height, swap);
        return Optional.of("the picture size changed mid-stream at frame " + firstChangeIndex + " (from " + first
                + " to " + size(changedWidth, changedHeight, swap) + "); " + scaled + " of " + frames
                + " frames were scaled to " + first);
    }

    private static String size(int width, int height, boolean swap) {
        return swap ? height + "x" + width : width + "x" + height;
    }
}
