package io.stride.yolox.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GridLayoutTest {

    @Test
    void nanoInputHas3549AnchorsOverStrides8To32() {
        var grid = GridLayout.matching(416, 416, 3549);

        assertThat(grid.strides()).containsExactly(8, 16, 32);
        assertThat(grid.anchorCount()).isEqualTo(52 * 52 + 26 * 26 + 13 * 13);
    }

    @Test
    void anchorsAreRowMajorWithinEachStrideAndStridesAscend() {
        var grid = GridLayout.matching(416, 416, 3549);

        assertAnchor(grid, 0, 0, 0, 8);
        assertAnchor(grid, 51, 51, 0, 8);
        assertAnchor(grid, 52, 0, 1, 8);
        assertAnchor(grid, 2703, 51, 51, 8);
        assertAnchor(grid, 2704, 0, 0, 16);
        assertAnchor(grid, 2704 + 27, 1, 1, 16);
        assertAnchor(grid, 3380, 0, 0, 32);
        assertAnchor(grid, 3548, 12, 12, 32);
    }

    @Test
    void rowsOfANonSquareInputAreAsWideAsTheInput() {
        // 416 wide, 256 high: 52x32 + 26x16 + 13x8 anchors
        var grid = GridLayout.matching(416, 256, 52 * 32 + 26 * 16 + 13 * 8);

        assertAnchor(grid, 52, 0, 1, 8);
        assertAnchor(grid, 52 * 32 - 1, 51, 31, 8);
    }

    @Test
    void recognisesTheP6HeadByItsAnchorCount() {
        var grid = GridLayout.matching(640, 640, 80 * 80 + 40 * 40 + 20 * 20 + 10 * 10);

        assertThat(grid.strides()).containsExactly(8, 16, 32, 64);
    }

    @Test
    void rejectsAnAnchorCountNoHeadHas() {
        assertThatThrownBy(() -> GridLayout.matching(416, 416, 8400))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8400");
    }

    private static void assertAnchor(GridLayout grid, int i, int x, int y, int stride) {
        assertThat(new float[] {grid.cellX(i), grid.cellY(i), grid.stride(i)})
                .as("anchor %d", i)
                .containsExactly(x, y, stride);
    }
}
