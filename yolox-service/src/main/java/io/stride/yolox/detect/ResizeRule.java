package io.stride.yolox.detect;

/** How a detector's preprocessing rounds the size of the keep-ratio resize; models were trained with one of them. */
public enum ResizeRule {

    /**
     * YOLOX ≥ 0.1.1 {@code preproc}: {@code r = min(inH / h, inW / w)}, size {@code int(w·r) × int(h·r)}
     * (truncated), and boxes are mapped back by dividing by {@code r} on both axes.
     */
    YOLOX,

    /**
     * MMDetection {@code Resize(keep_ratio=True)} (mmcv {@code rescale_size}): the factor fits the long edge to
     * the larger target side and the short edge to the smaller one, sizes are rounded half up, and boxes are
     * mapped back by the actual per-axis factors {@code resized / original}.
     */
    MMDET
}
