package io.stride.backend.analytics;

import io.stride.core.analytics.Point;
/**
 * Counts track anchors in square cells of a frame. The frame is {@code width × height} pixels; cell {@code (c, r)}
 * holds the anchors with {@code c·cell ≤ x < (c+1)·cell} and {@code r·cell ≤ y < (r+1)·cell}. An anchor exactly on
 * the right or bottom edge (a box touching the frame's edge) belongs to the last cell; one outside the frame (a
 * box a tracker predicted past the edge) is not counted.
 */
public final class AnchorGrid {

    private final int width;
    private final int height;
    private final int cellSize;
    private final DensityGrid counts;
    private long outside;

    public AnchorGrid(int width, int height, int cellSize) {
        if (width <= 0 || height <= 0 || cellSize <= 0) {
            throw new IllegalArgumentException("frame " + width + "x" + height + " and cell " + cellSize
                    + " must be positive");
        }
        this.width = width;
        this.height = height;
        this.cellSize = cellSize;
        this.counts = new DensityGrid(cells(width, cellSize), cells(height, cellSize));
    }

    /** Counts one anchor; false when it lies outside the frame. */
    public boolean add(Point anchor) {
        if (!(anchor.x() >= 0 && anchor.x() <= width && anchor.y() >= 0 && anchor.y() <= height)) {
            outside++;
            return false;
        }
        counts.add(cell(anchor.x(), counts.columns()), cell(anchor.y(), counts.rows()), 1);
        return true;
    }

    /** The counts so far (the grid itself, not a copy). */
    public DensityGrid counts() {
        return counts;
    }

    /** Anchors refused for lying outside the frame. */
    public long outside() {
        return outside;
    }

    public int cellSize() {
        return cellSize;
    }

    private int cell(double coordinate, int cells) {
        return Math.min(cells - 1, (int) (coordinate / cellSize));
    }

    private static int cells(int pixels, int cellSize) {
        return (pixels + cellSize - 1) / cellSize;
    }
}
