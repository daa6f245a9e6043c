package io.stride.yolox.detect;

import io.stride.core.frame.BoundingBox;

/**
 * Where a frame lands in the model input after a keep-ratio resize anchored at the top-left corner, the rest
 * of the input being padding. Maps boxes from input pixels back to frame pixels.
 *
 * @param frameWidth    width of the original frame
 * @param frameHeight   height of the original frame
 * @param inputWidth    width of the model input
 * @param inputHeight   height of the model input
 * @param resizedWidth  width of the resized frame inside the input (columns at and beyond it are padding)
 * @param resizedHeight height of the resized frame inside the input (rows at and beyond it are padding)
 * @param scaleX        input pixels per frame pixel along x
 * @param scaleY        input pixels per frame pixel along y
 */
public record LetterboxGeometry(int frameWidth, int frameHeight, int inputWidth, int inputHeight,
                                int resizedWidth, int resizedHeight, double scaleX, double scaleY) {

    public LetterboxGeometry {
        if (frameWidth <= 0 || frameHeight <= 0 || inputWidth <= 0 || inputHeight <= 0) {
            throw new IllegalArgumentException("frame " + frameWidth + "x" + frameHeight + " and input "
                    + inputWidth + "x" + inputHeight + " must have positive sizes");
        }
    }

    /** The geometry of a {@code frameWidth × frameHeight} frame in a {@code inputWidth × inputHeight} input. */
    public static LetterboxGeometry of(ResizeRule rule, int frameWidth, int frameHeight, int inputWidth, int inputHeight) {
        return switch (rule) {
            case YOLOX -> yolox(frameWidth, frameHeight, inputWidth, inputHeight);
            case MMDET -> mmdet(frameWidth, frameHeight, inputWidth, inputHeight);
        };
    }

    private static LetterboxGeometry yolox(int w, int h, int inW, int inH) {
        // Same double arithmetic and truncation as the Python reference, so sizes agree to the pixel.
        double r = Math.min((double) inH / h, (double) inW / w);
        int resizedW = Math.max(1, (int) (w * r));
        int resizedH = Math.max(1, (int) (h * r));
        return new LetterboxGeometry(w, h, inW, inH, resizedW, resizedH, r, r);
    }

    private static LetterboxGeometry mmdet(int w, int h, int inW, int inH) {
        double factor = Math.min((double) Math.max(inW, inH) / Math.max(w, h),
                (double) Math.min(inW, inH) / Math.min(w, h));
        // mmcv sizes can exceed a non-square input by a pixel of rounding; the input is what is there.
        int resizedW = Math.max(1, Math.min(inW, (int) (w * factor + 0.5)));
        int resizedH = Math.max(1, Math.min(inH, (int) (h * factor + 0.5)));
        return new LetterboxGeometry(w, h, inW, inH, resizedW, resizedH,
                (double) resizedW / w, (double) resizedH / h);
    }

    /** A box given in input pixels, in frame pixels and clipped to the frame. */
    public BoundingBox toFrame(float x1, float y1, float x2, float y2) {
        return new BoundingBox(
                clip((float) (x1 / scaleX), frameWidth),
                clip((float) (y1 / scaleY), frameHeight),
                clip((float) (x2 / scaleX), frameWidth),
                clip((float) (y2 / scaleY), frameHeight));
    }

    private static float clip(float value, int limit) {
        return Math.max(0f, Math.min(value, limit));
    }
}
