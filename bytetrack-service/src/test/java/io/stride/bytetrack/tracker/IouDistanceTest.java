package io.stride.bytetrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class IouDistanceTest {

    @Test
    void iouOfHalfOverlappingSquaresIsOneThird() {
        // Intersection 5×10 = 50, union 100 + 100 − 50 = 150.
        assertThat(IouDistance.iou(new double[] {0, 0, 10, 10}, new double[] {5, 0, 15, 10}))
                .isCloseTo(1.0 / 3, within(1e-15));
    }

    @Test
    void iouOfNestedBoxesIsTheAreaRatio() {
        assertThat(IouDistance.iou(new double[] {0, 0, 10, 10}, new double[] {2, 2, 7, 7})).isEqualTo(0.25);
    }

    @Test
    void touchingDisjointAndEmptyBoxesHaveNoOverlap() {
        assertThat(IouDistance.iou(new double[] {0, 0, 10, 10}, new double[] {10, 0, 20, 10})).isZero();
        assertThat(IouDistance.iou(new double[] {0, 0, 10, 10}, new double[] {30, 30, 40, 40})).isZero();
        assertThat(IouDistance.iou(new double[] {5, 5, 5, 5}, new double[] {5, 5, 5, 5})).isZero();
    }

    @Test
    void distanceMatrixIsOneMinusIou() {
        double[][] distance = IouDistance.matrix(
                List.of(new double[] {0, 0, 10, 10}, new double[] {100, 100, 110, 110}),
                List.of(new double[] {0, 0, 10, 10}, new double[] {5, 0, 15, 10}, new double[] {0, 0, 1, 1}));

        assertThat(distance[0]).containsExactly(new double[] {0, 2.0 / 3, 0.99}, within(1e-15));
        assertThat(distance[1]).containsExactly(1, 1, 1);
    }

    @Test
    void fusedCostWeighsIouByDetectionScore() {
        double[][] distance = {{0.5, 0.2}, {1.0, 0.0}};

        IouDistance.fuseScores(distance, new double[] {0.8, 0.5});

        // 1 − IoU·score: 1 − 0.5·0.8, 1 − 0.8·0.5, 1 − 0·0.8, 1 − 1·0.5.
        assertThat(distance[0]).containsExactly(new double[] {0.6, 0.6}, within(1e-15));
        assertThat(distance[1]).containsExactly(new double[] {1.0, 0.5}, within(1e-15));
    }
}
