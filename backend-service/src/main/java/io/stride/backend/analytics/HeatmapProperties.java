package io.stride.backend.analytics;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The heatmap of a finished task ({@code GET /result/{id}/heatmap.png}; docs/analytics.md has the rules).
 *
 * @param cellSize      side of a grid cell in pixels. Default 4
 * @param maxCells      the most cells a grid may have: a frame that would need more at {@code cellSize} gets larger
 *                      cells, so a huge frame costs no more memory than this many doubles (three grids of them).
 *                      Default 1,000,000
 * @param blurSigma     standard deviation of the Gaussian blur in pixels; 0 for none. Default 12
 * @param decades       powers of ten of density the colour scale spans below the maximum. Default 3
 * @param opacity       opacity of the colour where density is highest. Default 0.6
 * @param maxConcurrent heatmaps computed at once; a request for another that is not cached yet is answered 503 with
 *                      {@code Retry-After}. Each one reads the task's whole JSON Lines and decodes a frame.
 *                      Default 2
 * @param retryAfter    what that 503 tells the client to wait. Default 5s
 */
@Validated
@ConfigurationProperties("stride.analytics.heatmap")
public record HeatmapProperties(
        @DefaultValue("4") @Min(1) @Max(256) int cellSize,
        @DefaultValue("1000000") @Min(1) @Max(50_000_000) int maxCells,
        @DefaultValue("12") @DecimalMin("0") @DecimalMax("1000") double blurSigma,
        @DefaultValue("3") @DecimalMin(value = "0", inclusive = false) @DecimalMax("20") double decades,
        @DefaultValue("0.6") @DecimalMin("0") @DecimalMax("1") double opacity,
        @DefaultValue("2") @Min(1) int maxConcurrent,
        @DefaultValue("5s") @NotNull Duration retryAfter) {

    /** The cell side for a {@code width × height} frame: {@link #cellSize}, or larger to stay within {@link #maxCells}. */
    public int cellSizeFor(int width, int height) {
        int cell = cellSize;
        while (cells(width, cell) * cells(height, cell) > maxCells) {
            cell++;
        }
        return cell;
    }

    public ColourScale colourScale() {
        return new ColourScale(decades, opacity);
    }

    private static long cells(int pixels, int cell) {
        return (pixels + cell - 1) / cell;
    }
}
