package io.stride.rtmpose.pose;

import io.stride.core.frame.Keypoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns SimCC outputs into keypoints in frame pixels, as mmpose's {@code SimCCLabel.decode} with
 * {@code get_simcc_maximum} does, followed by the top-down back-projection:
 * <ul>
 *   <li>the location on each axis is the first bin holding the maximum (numpy's {@code argmax});</li>
 *   <li>the score is the smaller of the two axes' maxima: a keypoint is only as sure as its least sure axis;</li>
 *   <li>a keypoint whose score is not positive gets bin −1 on both axes, mmpose's "not found" marker, which is
 *       back-projected like any other location; consumers tell it apart by its score;</li>
 *   <li>bins are divided by the split ratio to give model-input pixels, which the crop's inverse transform maps
 *       to the frame.</li>
 * </ul>
 */
public final class SimccDecoder {

    private static final int NOT_FOUND_BIN = -1;

    private final double splitRatio;

    /** @param splitRatio SimCC bins per input pixel ({@code simcc_split_ratio}, 2.0 for every RTMPose model) */
    public SimccDecoder(double splitRatio) {
        if (!(splitRatio > 0) || Double.isInfinite(splitRatio)) {
            throw new IllegalArgumentException("split ratio must be positive, got " + splitRatio);
        }
        this.splitRatio = splitRatio;
    }

    /**
     * The keypoints of one instance of the batch.
     *
     * @param inputToFrame the inverse of the transform that cropped this instance from the frame
     */
    public List<Keypoint> decode(SimccOutput output, int instance, AffineTransform inputToFrame) {
        if (instance < 0 || instance >= output.instances()) {
            throw new IndexOutOfBoundsException("instance " + instance + " of " + output.instances());
        }
        List<Keypoint> keypoints = new ArrayList<>(output.keypoints());
        for (int k = 0; k < output.keypoints(); k++) {
            int row = instance * output.keypoints() + k;
            int xOffset = row * output.binsX();
            int yOffset = row * output.binsY();
            int binX = argmax(output.x(), xOffset, output.binsX());
            int binY = argmax(output.y(), yOffset, output.binsY());
            float maxX = output.x()[xOffset + binX];
            float maxY = output.y()[yOffset + binY];
            float score = maxX > maxY ? maxY : maxX;
            if (score <= 0f) {
                binX = NOT_FOUND_BIN;
                binY = NOT_FOUND_BIN;
            }
            double inputX = binX / splitRatio;
            double inputY = binY / splitRatio;
            keypoints.add(new Keypoint(
                    (float) inputToFrame.applyX(inputX, inputY),
                    (float) inputToFrame.applyY(inputX, inputY),
                    score));
        }
        return keypoints;
    }

    /** Index of the first maximum, relative to {@code offset}. */
    static int argmax(float[] values, int offset, int length) {
        int best = 0;
        float bestValue = values[offset];
        for (int i = 1; i < length; i++) {
            if (values[offset + i] > bestValue) {
                bestValue = values[offset + i];
                best = i;
            }
        }
        return best;
    }
}
