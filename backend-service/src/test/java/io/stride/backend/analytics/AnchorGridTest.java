package io.stride.backend.analytics;

import io.stride.core.analytics.Point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnchorGridTest {

    /** A 10×6 frame in 4-pixel cells: 3 columns (the last 2 pixels wide) and 2 rows. */
    private final AnchorGrid grid = new AnchorGrid(10, 6, 4);

    @Test
    void coversTheFrameWithCellsRoundedUp() {
        assertThat(grid.counts().columns()).isEqualTo(3);
        assertThat(grid.counts().rows()).isEqualTo(2);
    }

    @Test
    void countsEachAnchorInTheCellHoldingIt() {
        assertThat(grid.add(new Point(0, 0))).isTrue();
        assertThat(grid.add(new Point(3.99, 3.99))).isTrue();
        assertThat(grid.add(new Point(4, 0))).isTrue();
        assertThat(grid.add(new Point(8.5, 4))).isTrue();

        assertThat(grid.counts().get(0, 0)).isEqualTo(2);
        assertThat(grid.counts().get(1, 0)).isEqualTo(1);
        assertThat(grid.counts().get(2, 1)).isEqualTo(1);
        assertThat(grid.counts().total()).isEqualTo(4);
    }

    @Test
    void anAnchorOnTheRightOrBottomEdgeBelongsToTheLastCell() {
        assertThat(grid.add(new Point(10, 6))).isTrue();
        assertThat(grid.add(new Point(10, 0))).isTrue();

        assertThat(grid.counts().get(2, 1)).isEqualTo(1);
        assertThat(grid.counts().get(2, 0)).isEqualTo(1);
    }

    @Test
    void anAnchorOutsideTheFrameIsNotCounted() {
        assertThat(grid.add(new Point(10.01, 3))).isFalse();
        assertThat(grid.add(new Point(-0.5, 2))).isFalse();
        assertThat(grid.add(new Point(5, 6.5))).isFalse();
        assertThat(grid.add(new Point(Double.NaN, 2))).isFalse();

        assertThat(grid.counts().total()).isZero();
        assertThat(grid.outside()).isEqualTo(4);
    }

    @Test
    void refusesAnEmptyFrameOrCell() {
        assertThatThrownBy(() -> new AnchorGrid(0, 6, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnchorGrid(10, 6, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
