package io.stride.yolox.detect;

import io.stride.core.frame.Detection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy class-aware non-maximum suppression, as YOLOX's {@code postprocess} does with
 * {@code torchvision.ops.batched_nms}: a box is dropped when it overlaps a higher-scoring kept box of the same
 * class by an IoU strictly above the threshold; boxes of different classes never suppress each other.
 *
 * <p>The result is ordered by descending score; equal scores keep their input order, so the output is the
 * same on every run.
 */
public final class Nms {

    private final float iouThreshold;

    public Nms(float iouThreshold) {
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("IoU threshold must be in [0, 1]: " + iouThreshold);
        }
        this.iouThreshold = iouThreshold;
    }

    public List<Detection> apply(List<Detection> candidates) {
        List<Detection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed()); // stable
        List<Detection> kept = new ArrayList<>();
        for (Detection candidate : sorted) {
            if (!suppressed(candidate, kept)) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    private boolean suppressed(Detection candidate, List<Detection> kept) {
        for (Detection k : kept) {
            if (k.classId() == candidate.classId() && k.box().iou(candidate.box()) > iouThreshold) {
                return true;
            }
        }
        return false;
    }
}
