package io.stride.bytetrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
    void overlappingListsOneMinusIouOfEveryOverlappingPairOnly() {
        SparseCosts distance = IouDistance.overlapping(
                List.of(new double[] {0, 0, 10, 10}, new double[] {100, 100, 110, 110}),
                List.of(new double[] {0, 0, 10, 10}, new double[] {5, 0, 15, 10}, new double[] {0, 0, 1, 1}));

        Map<String, Double> entries = entries(distance);
        assertThat(entries).containsOnlyKeys("0,0", "0,1", "0,2");
        assertThat(entries.get("0,0")).isZero();
        assertThat(entries.get("0,1")).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(entries.get("0,2")).isCloseTo(0.99, within(1e-15));
        assertThat(distance.rows()).isEqualTo(2);
        assertThat(distance.columns()).isEqualTo(3);
    }

    @Test
    void overlappingFindsTheSamePairsAsComparingAll() {
        Random random = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            List<double[]> a = randomBoxes(random, random.nextInt(40));
            List<double[]> b = randomBoxes(random, random.nextInt(40));

            Map<String, Double> expected = new HashMap<>();
            for (int i = 0; i < a.size(); i++) {
                for (int j = 0; j < b.size(); j++) {
                    double iou = IouDistance.iou(a.get(i), b.get(j));
                    if (iou > 0) {
                        expected.put(i + "," + j, 1 - iou);
                    }
                }
            }
            assertThat(entries(IouDistance.overlapping(a, b))).as("trial %d", trial).isEqualTo(expected);
        }
    }

    @Test
    void fusedCostWeighsIouByDetectionScore() {
        SparseCosts distance = new SparseCosts(2, 2, new int[] {0, 0, 1}, new int[] {0, 1, 1},
                new double[] {0.5, 0.2, 0.0});

        SparseCosts fused = IouDistance.fuseScores(distance, new double[] {0.8, 0.5});

        // 1 − IoU·score: 1 − 0.5·0.8, 1 − 0.8·0.5, 1 − 1·0.5.
        assertThat(fused.cost()).containsExactly(new double[] {0.6, 0.6, 0.5}, within(1e-15));
        assertThat(fused.row()).containsExactly(0, 0, 1);
        assertThat(fused.column()).containsExactly(0, 1, 1);
    }

    private static List<double[]> randomBoxes(Random random, int count) {
        List<double[]> boxes = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            double x = random.nextDouble() * 200;
            double y = random.nextDouble() * 200;
            boxes.add(new double[] {x, y, x + 5 + random.nextDouble() * 60, y + 5 + random.nextDouble() * 60});
        }
        return boxes;
    }

    private static Map<String, Double> entries(SparseCosts costs) {
        Map<String, Double> entries = new HashMap<>();
        for (int e = 0; e < costs.size(); e++) {
            entries.put(costs.row()[e] + "," + costs.column()[e], costs.cost()[e]);
        }
        return entries;
    }
}
