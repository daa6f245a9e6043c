package io.stride.backend.analytics;

import java.awt.image.BufferedImage;

/**
 * Lays a density grid over a frame: pixel {@code (x, y)} takes the colour of cell {@code (x / cell, y / cell)}
 * (integer division) by the {@link ColourScale}, scaled against the grid's largest density.
 */
public final class HeatmapOverlay {

    private HeatmapOverlay() {
    }

    /** A new RGB image the size of {@code frame}; {@code frame} is left as it is. */
    public static BufferedImage overlay(BufferedImage frame, DensityGrid density, int cellSize, ColourScale scale) {
        int width = frame.getWidth();
        int height = frame.getHeight();
        if (density.columns() * cellSize < width || density.rows() * cellSize < height) {
            throw new IllegalArgumentException("a " + density.columns() + "x" + density.rows() + " grid of " + cellSize
                    + "-pixel cells does not cover a " + width + "x" + height + " frame");
        }
        double max = density.max();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            frame.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                row[x] = scale.blend(row[x], scale.level(density.get(x / cellSize, y / cellSize), max));
            }
            out.setRGB(0, y, width, 1, row, 0, width);
        }
        return out;
    }
}
