package io.stride.core.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one-to-one pairing of rows and columns with the largest total weight, what TrackEval gets from SciPy's
 * {@code linear_sum_assignment(-weights)} before it drops the pairs of weight 0. Rows and columns without any
 * positive weight cannot add to the total, so they are left out before solving: a sequence's identity matrix has
 * many tracker ids that never overlap a target.
 */
final class Assignment {

    private Assignment() {
    }

    /**
     * @param weights a rows × columns matrix
     * @param columns the number of columns, which a matrix without rows cannot tell
     * @return the pairs {@code {row, column}} of positive weight in an optimal pairing, in row order
     */
    static List<int[]> maximumWeight(double[][] weights, int columns) {
        int[] rows = positiveRows(weights);
        int[] cols = positiveColumns(weights, columns);
        List<int[]> pairs = new ArrayList<>();
        if (rows.length == 0) {
            return pairs;
        }
        boolean transposed = rows.length > cols.length;
        int n = transposed ? cols.length : rows.length;
        int m = transposed ? rows.length : cols.length;
        double[][] cost = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double w = transposed ? weights[rows[j]][cols[i]] : weights[rows[i]][cols[j]];
                cost[i][j] = w > 0 ? -w : 0;
            }
        }
        int[] columnOfRow = minimumCost(cost, m);
        for (int i = 0; i < n; i++) {
            int row = transposed ? rows[columnOfRow[i]] : rows[i];
            int column = transposed ? cols[i] : cols[columnOfRow[i]];
            if (weights[row][column] > 0) {
                pairs.add(new int[] {row, column});
            }
        }
        pairs.sort((a, b) -> Integer.compare(a[0], b[0]));
        return pairs;
    }

    /**
     * Kuhn–Munkres with potentials (shortest augmenting paths), n ≤ m: every row gets a distinct column, O(n²·m).
     * Arrays are 1-based inside, index 0 standing for "no row / no column yet".
     */
    private static int[] minimumCost(double[][] cost, int m) {
        int n = cost.length;
        double[] rowPotential = new double[n + 1];
        double[] columnPotential = new double[m + 1];
        int[] rowOfColumn = new int[m + 1];
        int[] previousColumn = new int[m + 1];
        for (int row = 1; row <= n; row++) {
            rowOfColumn[0] = row;
            int column = 0;
            double[] slack = new double[m + 1];
            Arrays.fill(slack, Double.POSITIVE_INFINITY);
            boolean[] visited = new boolean[m + 1];
            do {
                visited[column] = true;
                int current = rowOfColumn[column];
                double delta = Double.POSITIVE_INFINITY;
                int next = 0;
                for (int j = 1; j <= m; j++) {
                    if (!visited[j]) {
                        double reduced = cost[current - 1][j - 1] - rowPotential[current] - columnPotential[j];
                        if (reduced < slack[j]) {
                            slack[j] = reduced;
                            previousColumn[j] = column;
                        }
                        if (slack[j] < delta) {
                            delta = slack[j];
                            next = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (visited[j]) {
                        rowPotential[rowOfColumn[j]] += delta;
                        columnPotential[j] -= delta;
                    } else {
                        slack[j] -= delta;
                    }
                }
                column = next;
            } while (rowOfColumn[column] != 0);
            do {
                int previous = previousColumn[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            } while (column != 0);
        }
        int[] columnOfRow = new int[n];
        for (int j = 1; j <= m; j++) {
            if (rowOfColumn[j] != 0) {
                columnOfRow[rowOfColumn[j] - 1] = j - 1;
            }
        }
        return columnOfRow;
    }

    private static int[] positiveRows(double[][] weights) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            for (double w : weights[i]) {
                if (w > 0) {
                    rows.add(i);
                    break;
                }
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] positiveColumns(double[][] weights, int columns) {
        boolean[] positive = new boolean[columns];
        for (double[] row : weights) {
            for (int j = 0; j < columns; j++) {
                positive[j] |= row[j] > 0;
            }
        }
        List<Integer> cols = new ArrayList<>();
        for (int j = 0; j < columns; j++) {
            if (positive[j]) {
                cols.add(j);
            }
        }
        return cols.stream().mapToInt(Integer::intValue).toArray();
    }
}
