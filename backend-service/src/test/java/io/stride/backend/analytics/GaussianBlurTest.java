package io.stride.backend.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class GaussianBlurTest {

    private static final Offset<Double> EXACT = within(1e-15);
    /** exp(−d²/2) for d = 0…4, divided by their sum over d = −4…4 (computed separately in Python). */
    private static final double[] SIGMA_1 = {0.39894346935609776, 0.24197144565660073, 0.05399112742070441,
            0.0044318616200312655, 0.00013383062461474175};

    @Test
    void theKernelIsTheNormalisedGaussianCutAtFourSigmas() {
        double[] kernel = GaussianBlur.kernel(1);

        assertThat(kernel).hasSize(9);
        for (int d = 0; d <= 4; d++) {
            assertThat(kernel[4 + d]).isCloseTo(SIGMA_1[d], EXACT);
            assertThat(kernel[4 - d]).isEqualTo(kernel[4 + d]);
        }
        assertThat(GaussianBlur.kernel(0.5)).hasSize(5).satisfies(k -> {
            assertThat(k[2]).isCloseTo(0.7865707258873422, EXACT);
            assertThat(k[0]).isCloseTo(0.00026386508273735414, EXACT);
        });
        assertThat(GaussianBlur.kernel(0.3)).as("R = ceil(1.2) = 2").hasSize(5);
    }

    @Test
    void oneAnchorBecomesTheOuterProductOfTheKernelAndKeepsItsMass() {
        DensityGrid grid = new DensityGrid(11, 11);
        grid.set(5, 5, 10);

        DensityGrid blurred = GaussianBlur.blur(grid, 1);

        assertThat(blurred.get(5, 5)).isCloseTo(10 * SIGMA_1[0] * SIGMA_1[0], EXACT);
        assertThat(blurred.get(6, 5)).isCloseTo(10 * SIGMA_1[1] * SIGMA_1[0], EXACT);
        assertThat(blurred.get(7, 8)).isCloseTo(10 * SIGMA_1[3] * SIGMA_1[2], EXACT);
        assertThat(blurred.get(1, 9)).isCloseTo(10 * SIGMA_1[4] * SIGMA_1[4], EXACT);
        assertThat(blurred.get(0, 5)).as("beyond 4 sigmas").isZero();
        assertThat(blurred.total()).isCloseTo(10, within(1e-12));
        assertThat(grid.get(5, 5)).as("the input is left as it is").isEqualTo(10);
    }

    @Test
    void whatFallsBeyondTheGridIsLost() {
        DensityGrid grid = new DensityGrid(11, 11);
        grid.set(0, 0, 1);

        DensityGrid blurred = GaussianBlur.blur(grid, 1);

        double kept = SIGMA_1[0] + SIGMA_1[1] + SIGMA_1[2] + SIGMA_1[3] + SIGMA_1[4];
        assertThat(blurred.get(0, 0)).isCloseTo(SIGMA_1[0] * SIGMA_1[0], EXACT);
        assertThat(blurred.total()).isCloseTo(kept * kept, within(1e-12));
    }

    @Test
    void sigmaZeroLeavesTheGridAsItIs() {
        DensityGrid grid = new DensityGrid(3, 2);
        grid.set(1, 1, 7);
        grid.set(2, 0, 2);

        DensityGrid blurred = GaussianBlur.blur(grid, 0);

        assertThat(blurred.get(1, 1)).isEqualTo(7);
        assertThat(blurred.get(2, 0)).isEqualTo(2);
        assertThat(blurred.total()).isEqualTo(9);
    }

    @Test
    void refusesANegativeOrEndlessSigma() {
        assertThatThrownBy(() -> GaussianBlur.kernel(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GaussianBlur.kernel(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GaussianBlur.kernel(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
