package io.stride.backend.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class HeatmapOverlayTest {

    private static final int GREY = 0x646464;

    @Test
    void eachPixelTakesTheColourOfItsCell() {
        BufferedImage frame = grey(10, 4);
        DensityGrid density = new DensityGrid(3, 1);
        density.set(1, 0, 5);
        density.set(2, 0, 0.5);

        BufferedImage out = HeatmapOverlay.overlay(frame, density, 4, new ColourScale(1, 0.6));

        // Cell 1 is the maximum: red at alpha 0.6 over 100: round(40 + 153) = 193, round(40) = 40.
        // Cell 2 is a tenth of it, one decade below, level 0: untouched, as is the empty cell 0.
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 10; x++) {
                int expected = x >= 4 && x < 8 ? 0xc12828 : GREY;
                assertThat(out.getRGB(x, y) & 0xffffff).as("pixel (%d, %d)", x, y).isEqualTo(expected);
            }
        }
        assertThat(frame.getRGB(5, 0) & 0xffffff).as("the frame is left as it is").isEqualTo(GREY);
    }

    @Test
    void refusesAGridThatDoesNotCoverTheFrame() {
        assertThatThrownBy(() -> HeatmapOverlay.overlay(grey(10, 4), new DensityGrid(2, 1), 4,
                new ColourScale(1, 0.6))).isInstanceOf(IllegalArgumentException.class);
    }

    private static BufferedImage grey(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, GREY);
            }
        }
        return image;
    }
}
