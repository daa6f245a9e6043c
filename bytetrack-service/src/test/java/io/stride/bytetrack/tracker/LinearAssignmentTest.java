package io.stride.bytetrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearAssignmentTest {

    private static final double NO_LIMIT = 1e9;

    @Test
    void findsTheOptimumOfASquareMatrix() {
        double[][] cost = {
                {4, 1, 3},
                {2, 0, 5},
                {3, 2, 2}};

        Matching matching = LinearAssignment.solve(cost, cost[0].length, NO_LIMIT);

        // 1 + 2 + 2 = 5 beats the greedy choice of the 0 (0 + 4 + 2 = 6 or 0 + 3 + 3 = 6).
        assertThat(matching.columnOfRow()).containsExactly(1, 0, 2);
        assertThat(matching.rowOfColumn()).containsExactly(1, 0, 2);
    }

    @Test
    void theLimitPrefersOneGoodPairToTwoPoorOnes() {
        double[][] cost = {
                {0.20, 0.45},
                {0.45, 0.99}};

        // Without a limit the two 0.45 pairs (0.90) beat 0.20 + 0.99.
        assertThat(LinearAssignment.solve(cost, cost[0].length, NO_LIMIT).columnOfRow()).containsExactly(1, 0);

        // With limit 0.5: one pair gains 0.5 − 0.2 = 0.3, the two poor ones only 0.05 + 0.05.
        Matching limited = LinearAssignment.solve(cost, cost[0].length, 0.5);
        assertThat(limited.columnOfRow()).containsExactly(0, -1);
        assertThat(limited.unmatchedRows()).containsExactly(1);
        assertThat(limited.unmatchedColumns()).containsExactly(1);
    }

    @Test
    void aCostEqualToTheLimitIsNotMatched() {
        Matching matching = LinearAssignment.solve(new double[][] {{0.8, 0.79}}, 2, 0.8);

        assertThat(matching.pairs()).containsExactly(new int[] {0, 1});
        assertThat(LinearAssignment.solve(new double[][] {{0.8}}, 1, 0.8).pairs()).isEmpty();
    }

    @Test
    void handlesMoreColumnsThanRowsAndMoreRowsThanColumns() {
        double[][] wide = {
                {0.9, 0.2, 0.5},
                {0.1, 0.3, 0.9}};
        assertThat(LinearAssignment.solve(wide, wide[0].length, 0.8).columnOfRow()).containsExactly(1, 0);
        assertThat(LinearAssignment.solve(wide, wide[0].length, 0.8).unmatchedColumns()).containsExactly(2);

        double[][] tall = {
                {0.9, 0.1},
                {0.2, 0.3},
                {0.5, 0.9}};
        Matching matching = LinearAssignment.solve(tall, tall[0].length, 0.8);
        assertThat(matching.columnOfRow()).containsExactly(1, 0, -1);
        assertThat(matching.unmatchedRows()).containsExactly(2);
    }

    @Test
    void emptyMatricesLeaveEverythingUnmatched() {
        assertThat(LinearAssignment.solve(new double[0][0], 0, 0.8).pairs()).isEmpty();
        Matching noColumns = LinearAssignment.solve(new double[2][0], 0, 0.8);
        assertThat(noColumns.unmatchedRows()).containsExactly(0, 1);
        assertThat(noColumns.unmatchedColumns()).isEmpty();
        Matching noRows = LinearAssignment.solve(new double[0][], 3, 0.8);
        assertThat(noRows.unmatchedColumns()).containsExactly(0, 1, 2);
    }

    @Test
    void notANumberIsNeverMatched() {
        Matching matching = LinearAssignment.solve(new double[][] {{Double.NaN, 0.5}, {0.1, Double.NaN}}, 2, 0.8);

        assertThat(matching.columnOfRow()).containsExactly(1, 0);
    }

    /** Exhaustive search over every partial matching of small random matrices gives the optimum to compare with. */
    @Test
    void agreesWithExhaustiveSearchOnRandomMatrices() {
        Random random = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + random.nextInt(5);
            int columns = 1 + random.nextInt(5);
            double[][] cost = new double[rows][columns];
            for (double[] row : cost) {
                for (int j = 0; j < columns; j++) {
                    row[j] = random.nextDouble();
                }
            }
            double limit = 0.3 + 0.6 * random.nextDouble();

            Matching matching = LinearAssignment.solve(cost, cost[0].length, limit);

            double gain = 0;
            for (int[] pair : matching.pairs()) {
                assertThat(cost[pair[0]][pair[1]]).isLessThan(limit);
                gain += limit - cost[pair[0]][pair[1]];
            }
            assertThat(gain).as("trial %d", trial).isCloseTo(bestGain(cost, limit, 0, new boolean[columns]),
                    org.assertj.core.api.Assertions.within(1e-12));
            for (int r = 0; r < rows; r++) {
                int c = matching.columnOfRow()[r];
                assertThat(c < 0 || matching.rowOfColumn()[c] == r).isTrue();
            }
        }
    }

    @Test
    void aSparseMatrixNeverMatchesPairsItDoesNotList() {
        // Dense, (0,1) at 0.3 would be part of the best matching; left out, it counts as not matchable.
        SparseCosts costs = new SparseCosts(2, 2, new int[] {0, 1}, new int[] {0, 0}, new double[] {0.2, 0.1});

        Matching matching = LinearAssignment.solve(costs, 0.8);

        assertThat(matching.columnOfRow()).containsExactly(-1, 0);
        assertThat(matching.unmatchedColumns()).containsExactly(1);
    }

    @Test
    void independentGroupsAreSolvedTogetherCorrectly() {
        // Two separate crowds, {rows 0,1 × columns 0,1} and {row 2 × column 2}, and a row without candidates.
        double[][] cost = {
                {0.20, 0.45, 1, 1},
                {0.45, 0.99, 1, 1},
                {1, 1, 0.3, 1},
                {1, 1, 1, 1}};

        Matching matching = LinearAssignment.solve(cost, 4, 0.5);

        assertThat(matching.columnOfRow()).containsExactly(0, -1, 2, -1);
        assertThat(matching.rowOfColumn()).containsExactly(0, -1, 2, -1);
    }

    @Test
    void pairsAndUnmatchedListsAgree() {
        Matching matching = LinearAssignment.solve(new double[][] {{0.1, 0.9, 0.9}, {0.9, 0.9, 0.9}}, 3, 0.5);

        assertThat(matching.pairs()).containsExactly(new int[] {0, 0});
        assertThat(matching.unmatchedRows()).isEqualTo(List.of(1));
        assertThat(matching.unmatchedColumns()).isEqualTo(List.of(1, 2));
    }

    private static double bestGain(double[][] cost, double limit, int row, boolean[] usedColumns) {
        if (row == cost.length) {
            return 0;
        }
        double best = bestGain(cost, limit, row + 1, usedColumns);
        for (int c = 0; c < usedColumns.length; c++) {
            if (!usedColumns[c] && cost[row][c] < limit) {
                usedColumns[c] = true;
                best = Math.max(best, limit - cost[row][c] + bestGain(cost, limit, row + 1, usedColumns));
                usedColumns[c] = false;
            }
        }
        return best;
    }
}
