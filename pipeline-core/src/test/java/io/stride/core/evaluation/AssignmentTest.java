package io.stride.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AssignmentTest {

    @Test
    void prefersTheLargestTotalOverTheLargestSingleWeight() {
        // Greedy would take 0.9 and leave row 1 with nothing; the optimum 0.8 + 0.7 is larger.
        double[][] weights = {{0.9, 0.8}, {0.7, 0}};

        assertThat(Assignment.maximumWeight(weights, 2)).containsExactly(new int[] {0, 1}, new int[] {1, 0});
    }

    @Test
    void leavesOutPairsWithoutWeightAndHandlesMoreRowsThanColumns() {
        double[][] weights = {{0, 0}, {0, 0.5}, {0.6, 0.4}};

        assertThat(Assignment.maximumWeight(weights, 2)).containsExactly(new int[] {1, 1}, new int[] {2, 0});
        assertThat(Assignment.maximumWeight(new double[0][], 3)).isEmpty();
        assertThat(Assignment.maximumWeight(new double[][] {{0, 0}}, 2)).isEmpty();
    }

    @Test
    void findsTheOptimumOfEveryPermutationOnRandomMatrices() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int rows = 1 + random.nextInt(5);
            int columns = 1 + random.nextInt(5);
            double[][] weights = new double[rows][columns];
            for (double[] row : weights) {
                for (int j = 0; j < columns; j++) {
                    row[j] = random.nextInt(3) == 0 ? 0 : random.nextDouble();
                }
            }
            List<int[]> pairs = Assignment.maximumWeight(weights, columns);
            double total = pairs.stream().mapToDouble(p -> weights[p[0]][p[1]]).sum();
            assertThat(total).isCloseTo(bruteForce(weights, 0, new boolean[columns]),
                    org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    private static double bruteForce(double[][] weights, int row, boolean[] used) {
        if (row == weights.length) {
            return 0;
        }
        double best = bruteForce(weights, row + 1, used);
        for (int j = 0; j < used.length; j++) {
            if (!used[j] && weights[row][j] > 0) {
                used[j] = true;
                best = Math.max(best, weights[row][j] + bruteForce(weights, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }
}
