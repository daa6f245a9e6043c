package io.stride.backend.analytics;

import io.stride.core.analytics.TrackPosition;
import io.stride.core.analytics.TrackedFrame;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Draws a task's heatmap: every track anchor of its JSON Lines counted on a grid over the frame, blurred, coloured
 * and laid over the middle frame of its video. The JSON Lines are read one line at a time, so a task of any length
 * costs the memory of one frame and the grid.
 */
final class HeatmapRenderer {

    private final HeatmapProperties properties;

    HeatmapRenderer(HeatmapProperties properties) {
        this.properties = properties;
    }

    /**
     * @throws IllegalStateException    when the video yields no frame
     * @throws IllegalArgumentException when a line of the annotations is not a frame of tracks (the message says
     *                                  which)
     * @throws UncheckedIOException     when the annotations cannot be read
     */
    BufferedImage render(Path video, Path annotations) {
        BufferedImage frame = MiddleFrame.of(video);
        int cellSize = properties.cellSizeFor(frame.getWidth(), frame.getHeight());
        AnchorGrid grid = new AnchorGrid(frame.getWidth(), frame.getHeight(), cellSize);
        count(annotations, grid);
        DensityGrid density = GaussianBlur.blur(grid.counts(), properties.blurSigma() / cellSize);
        return HeatmapOverlay.overlay(frame, density, cellSize, properties.colourScale());
    }

    private static void count(Path annotations, AnchorGrid grid) {
        long lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(annotations, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                for (TrackPosition position : TrackedFrame.parse(line).tracks()) {
                    grid.add(position.anchor());
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + lineNumber + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
