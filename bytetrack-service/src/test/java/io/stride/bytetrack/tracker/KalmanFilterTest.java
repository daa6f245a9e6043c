package io.stride.bytetrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Expected numbers worked out by hand from the official formulas for a box 100 px high, where the position noise
 * is 1/20 × 100 = 5 px and the velocity noise 1/160 × 100 = 0.625 px per frame.
 */
class KalmanFilterTest {

    private static final double EXACT = 1e-12;
    private final KalmanFilter filter = new KalmanFilter(1.0 / 20, 1.0 / 160);

    @Test
    void initiateCentresOnTheMeasurementWithZeroVelocityAndWideSpread() {
        KalmanState state = filter.initiate(new double[] {100, 200, 0.5, 100});

        assertThat(state.mean()).containsExactly(100, 200, 0.5, 100, 0, 0, 0, 0);
        // std: 2·5 = 10 px for x, y, h; 1e-2 for a; 10·0.625 = 6.25 px/frame for velocities; 1e-5 for va.
        double[] expectedDiagonal = {100, 100, 1e-4, 100, 39.0625, 39.0625, 1e-10, 39.0625};
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                assertThat(state.covariance()[i][j]).isCloseTo(i == j ? expectedDiagonal[i] : 0, within(EXACT));
            }
        }
    }

    @Test
    void predictAddsVelocityAndGrowsUncertainty() {
        KalmanState initial = filter.initiate(new double[] {100, 200, 0.5, 100});
        double[] moving = initial.mean().clone();
        moving[4] = 3;
        moving[7] = -1;

        KalmanState predicted = filter.predict(new KalmanState(moving, initial.covariance()));

        assertThat(predicted.mean()).containsExactly(103, 200, 0.5, 99, 3, 0, 0, -1);
        double[][] p = predicted.covariance();
        // P' = F P Fᵀ + Q with Q from the height 100 before the step: 100 + 39.0625 + 25.
        assertThat(p[0][0]).isCloseTo(164.0625, within(EXACT));
        assertThat(p[3][3]).isCloseTo(164.0625, within(EXACT));
        assertThat(p[0][4]).isCloseTo(39.0625, within(EXACT));
        assertThat(p[4][0]).isCloseTo(39.0625, within(EXACT));
        assertThat(p[4][4]).isCloseTo(39.0625 + 0.390625, within(EXACT));
        assertThat(p[2][2]).isCloseTo(1e-4 + 1e-10 + 1e-4, within(1e-18));
        assertThat(p[0][1]).isZero();
    }

    @Test
    void updateMovesTowardsTheMeasurementByTheKalmanGain() {
        KalmanState predicted = filter.predict(filter.initiate(new double[] {100, 200, 0.5, 100}));

        KalmanState updated = filter.update(predicted, new double[] {110, 200, 0.5, 100});

        // S = 164.0625 + 25 = 3025/16, gain for x = 2625/3025 = 105/121, for vx = 625/3025 = 25/121.
        double[] mean = updated.mean();
        assertThat(mean[0]).isCloseTo(100 + 10 * 105.0 / 121, within(EXACT));
        assertThat(mean[4]).isCloseTo(10 * 25.0 / 121, within(EXACT));
        assertThat(mean[1]).isCloseTo(200, within(EXACT));
        assertThat(mean[2]).isCloseTo(0.5, within(EXACT));
        assertThat(mean[3]).isCloseTo(100, within(EXACT));
        assertThat(mean[5]).isCloseTo(0, within(EXACT));
        double[][] p = updated.covariance();
        // P − K S Kᵀ: 2625/16 − (105/121)²·3025/16 = 42000/1936; 625/16 − (105·25/121²)·3025/16 = 10000/1936.
        assertThat(p[0][0]).isCloseTo(42000.0 / 1936, within(1e-9));
        assertThat(p[0][4]).isCloseTo(10000.0 / 1936, within(1e-9));
        assertThat(p[4][0]).isCloseTo(10000.0 / 1936, within(1e-9));
        // vx: 39.453125 − (25/121)²·3025/16 = 39.453125 − 15625/1936.
        assertThat(p[4][4]).isCloseTo(39.453125 - 15625.0 / 1936, within(1e-9));
    }

    @Test
    void repeatedMeasurementsOfSteadyMotionLearnTheVelocity() {
        KalmanState state = filter.initiate(new double[] {0, 0, 0.5, 100});
        for (int frame = 1; frame <= 60; frame++) {
            state = filter.update(filter.predict(state), new double[] {4.0 * frame, 0, 0.5, 100});
        }

        assertThat(state.mean()[4]).isCloseTo(4, within(0.05));
        assertThat(state.mean()[0]).isCloseTo(240, within(0.5));
    }
}
