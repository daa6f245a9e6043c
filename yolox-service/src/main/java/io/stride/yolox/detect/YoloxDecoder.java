package io.stride.yolox.detect;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns YOLOX output rows {@code [x, y, w, h, objectness, class scores…]} of one image into detections in
 * frame pixels, as YOLOX's {@code postprocess}: score = objectness × best class score, kept when at least the
 * score threshold, class-aware NMS in input pixels, then boxes divided by the letterbox scale and clipped to the
 * frame. Boxes left with no area after clipping (they lay in the padding) are dropped.
 */
public final class YoloxDecoder {

    private static final int X = 0;
    private static final int Y = 1;
    private static final int W = 2;
    private static final int H = 3;
    private static final int OBJECTNESS = 4;
    private static final int FIRST_CLASS = 5;

    private final OutputFormat format;
    private final GridLayout grid;
    private final int anchors;
    private final int classes;
    private final float scoreThreshold;
    private final Nms nms;

    private YoloxDecoder(OutputFormat format, GridLayout grid, int anchors, int classes, float scoreThreshold, Nms nms) {
        if (classes < 1) {
            throw new IllegalArgumentException("a detector needs at least one class, got " + classes);
        }
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("score threshold must be in [0, 1]: " + scoreThreshold);
        }
        this.format = format;
        this.grid = grid;
        this.anchors = anchors;
        this.classes = classes;
        this.scoreThreshold = scoreThreshold;
        this.nms = nms;
    }

    /** For a graph without the decode step: boxes are placed on {@code grid}. */
    public static YoloxDecoder rawGrid(GridLayout grid, int classes, float scoreThreshold, Nms nms) {
        return new YoloxDecoder(OutputFormat.RAW_GRID, grid, grid.anchorCount(), classes, scoreThreshold, nms);
    }

    /** For a graph that decodes boxes itself. */
    public static YoloxDecoder decoded(int anchors, int classes, float scoreThreshold, Nms nms) {
        return new YoloxDecoder(OutputFormat.DECODED, null, anchors, classes, scoreThreshold, nms);
    }

    public OutputFormat format() {
        return format;
    }

    /** Floats per output row. */
    public int rowLength() {
        return FIRST_CLASS + classes;
    }

    /** Floats one image takes in the output. */
    public int imageFloats() {
        return anchors * rowLength();
    }

    /** The detections of the image whose rows start at {@code offset} of {@code output}, best first. */
    public List<Detection> decode(FloatBuffer output, int offset, LetterboxGeometry geometry) {
        List<Detection> kept = nms.apply(candidates(output, offset));
        List<Detection> detections = new ArrayList<>(kept.size());
        for (Detection d : kept) {
            BoundingBox box = geometry.toFrame(d.box().x1(), d.box().y1(), d.box().x2(), d.box().y2());
            if (box.width() > 0 && box.height() > 0) {
                detections.add(new Detection(box, d.score(), d.classId()));
            }
        }
        return detections;
    }

    /** Rows scoring at least the threshold, boxes as corners in input pixels, in row order. */
    List<Detection> candidates(FloatBuffer output, int offset) {
        if (output.limit() < offset + imageFloats()) {
            throw new IllegalArgumentException("output holds " + output.limit() + " floats, an image needs "
                    + imageFloats() + " from offset " + offset);
        }
        int rowLength = rowLength();
        List<Detection> candidates = new ArrayList<>();
        for (int i = 0, row = offset; i < anchors; i++, row += rowLength) {
            float objectness = output.get(row + OBJECTNESS);
            // Class scores are sigmoids (≤ 1): below the threshold here, the product is below it too.
            if (objectness < scoreThreshold) {
                continue;
            }
            int best = 0;
            float bestScore = output.get(row + FIRST_CLASS);
            for (int c = 1; c < classes; c++) {
                float s = output.get(row + FIRST_CLASS + c);
                if (s > bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            float score = objectness * bestScore;
            if (score < scoreThreshold) {
                continue;
            }
            BoundingBox box = box(output, row, i);
            if (box != null) {
                candidates.add(new Detection(box, score, best));
            }
        }
        return candidates;
    }

    private BoundingBox box(FloatBuffer output, int row, int anchor) {
        float cx = output.get(row + X);
        float cy = output.get(row + Y);
        float w = output.get(row + W);
        float h = output.get(row + H);
        if (format == OutputFormat.RAW_GRID) {
            float stride = grid.stride(anchor);
            cx = (cx + grid.cellX(anchor)) * stride;
            cy = (cy + grid.cellY(anchor)) * stride;
            w = (float) Math.exp(w) * stride;
            h = (float) Math.exp(h) * stride;
        }
        if (!Float.isFinite(cx) || !Float.isFinite(cy) || !Float.isFinite(w) || !Float.isFinite(h)) {
            return null;
        }
        return new BoundingBox(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }
}
