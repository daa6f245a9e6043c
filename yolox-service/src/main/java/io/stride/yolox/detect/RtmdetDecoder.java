package io.stride.yolox.detect;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the output of an MMDeploy detection graph with NMS inside ({@code dets} rows
 * {@code [x1, y1, x2, y2, score]} in input pixels, {@code labels} one class per row): keeps rows at least the
 * score threshold, maps boxes back to the frame and clips them. Rows padded by the graph (label {@code -1})
 * and boxes with no area in the frame are dropped.
 */
public final class RtmdetDecoder {

    /** x1, y1, x2, y2, score. */
    public static final int DET_LENGTH = 5;
    private static final int SCORE = 4;

    private final float scoreThreshold;

    public RtmdetDecoder(float scoreThreshold) {
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("score threshold must be in [0, 1]: " + scoreThreshold);
        }
        this.scoreThreshold = scoreThreshold;
    }

    /**
     * @param dets       all images' rows; this image's start at {@code rowOffset}
     * @param labels     all images' labels, same indexing as the rows
     * @param rowOffset  index of this image's first row
     * @param rows       rows per image
     */
    public List<Detection> decode(FloatBuffer dets, LongBuffer labels, int rowOffset, int rows,
                                  LetterboxGeometry geometry) {
        List<Detection> detections = new ArrayList<>();
        for (int r = rowOffset; r < rowOffset + rows; r++) {
            int base = r * DET_LENGTH;
            float score = dets.get(base + SCORE);
            long label = labels.get(r);
            if (score < scoreThreshold || label < 0) {
                continue;
            }
            BoundingBox box = geometry.toFrame(dets.get(base), dets.get(base + 1), dets.get(base + 2), dets.get(base + 3));
            if (box.width() > 0 && box.height() > 0) {
                detections.add(new Detection(box, score, (int) label));
            }
        }
        return detections;
    }
}
