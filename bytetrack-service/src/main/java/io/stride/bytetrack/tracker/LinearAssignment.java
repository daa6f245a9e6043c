package io.stride.bytetrack.tracker;

import java.util.Arrays;

/**
 * Minimum-cost matching of rows to columns with a cost limit, the contract of {@code lap.lapjv(cost,
 * extend_cost=True, cost_limit=limit)} that ByteTrack uses: a pair is made only when its cost is below the limit,
 * and among those the matching of least total cost wins, where leaving a row and a column unmatched costs the
 * limit. That is the same as maximising the sum of {@code limit − cost} over the pairs made.
 *
 * <p>Solved as a complete rectangular assignment on {@code min(cost − limit, 0)}: pairs at or above the limit cost
 * nothing there and are dropped afterwards. The solver is the Jonker–Volgenant shortest augmenting path with
 * dual variables (one Dijkstra-like search per row, O(n²·m) worst case); on tracking matrices, where most pairs
 * do not overlap, almost every search ends at its first free column. Deterministic: ties go to the lowest index
 * that a fixed scan order reaches first.
 */
public final class LinearAssignment {

    private LinearAssignment() {
    }

    /**
     * @param cost    a rows × columns matrix; NaN counts as not matchable
     * @param columns the number of columns, which a matrix without rows cannot tell
     * @param limit   pairs whose cost is not below this are never made
     */
    public static Matching solve(double[][] cost, int columns, double limit) {
        int rows = cost.length;
        int[] columnOfRow = new int[rows];
        int[] rowOfColumn = new int[columns];
        Arrays.fill(columnOfRow, -1);
        Arrays.fill(rowOfColumn, -1);
        if (rows == 0 || columns == 0) {
            return new Matching(columnOfRow, rowOfColumn);
        }
        boolean transposed = rows > columns;
        int n = transposed ? columns : rows;
        int m = transposed ? rows : columns;
        double[][] gain = new double[n][m];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double excess = cost[r][c] - limit;
                double value = excess < 0 ? excess : 0;
                if (transposed) {
                    gain[c][r] = value;
                } else {
                    gain[r][c] = value;
                }
            }
        }
        int[] assigned = assignEveryRow(gain, n, m);
        for (int i = 0; i < n; i++) {
            int j = assigned[i];
            int r = transposed ? j : i;
            int c = transposed ? i : j;
            if (cost[r][c] < limit) {
                columnOfRow[r] = c;
                rowOfColumn[c] = r;
            }
        }
        return new Matching(columnOfRow, rowOfColumn);
    }

    /** Complete assignment of n rows to distinct columns of m ≥ n, least total cost; finite costs only. */
    private static int[] assignEveryRow(double[][] cost, int n, int m) {
        double[] rowDual = new double[n];
        double[] columnDual = new double[m];
        int[] columnOfRow = new int[n];
        int[] rowOfColumn = new int[m];
        Arrays.fill(columnOfRow, -1);
        Arrays.fill(rowOfColumn, -1);
        double[] pathCost = new double[m];
        int[] previousRow = new int[m];
        int[] remaining = new int[m];
        boolean[] rowVisited = new boolean[n];
        boolean[] columnVisited = new boolean[m];

        for (int start = 0; start < n; start++) {
            Arrays.fill(pathCost, Double.POSITIVE_INFINITY);
            Arrays.fill(rowVisited, false);
            Arrays.fill(columnVisited, false);
            int remainingCount = m;
            for (int k = 0; k < m; k++) {
                remaining[k] = k;
            }
            double shortest = 0;
            int row = start;
            int sink = -1;
            while (sink < 0) {
                rowVisited[row] = true;
                int best = -1;
                double lowest = Double.POSITIVE_INFINITY;
                for (int k = 0; k < remainingCount; k++) {
                    int column = remaining[k];
                    double reduced = shortest + cost[row][column] - rowDual[row] - columnDual[column];
                    if (reduced < pathCost[column]) {
                        previousRow[column] = row;
                        pathCost[column] = reduced;
                    }
                    // Among equally short paths a free column ends the search at once.
                    if (pathCost[column] < lowest
                            || (pathCost[column] == lowest && rowOfColumn[column] < 0 && rowOfColumn[remaining[best]] >= 0)) {
                        lowest = pathCost[column];
                        best = k;
                    }
                }
                shortest = lowest;
                int column = remaining[best];
                columnVisited[column] = true;
                remaining[best] = remaining[--remainingCount];
                if (rowOfColumn[column] < 0) {
                    sink = column;
                } else {
                    row = rowOfColumn[column];
                }
            }
            rowDual[start] += shortest;
            for (int i = 0; i < n; i++) {
                if (rowVisited[i] && i != start) {
                    rowDual[i] += shortest - pathCost[columnOfRow[i]];
                }
            }
            for (int j = 0; j < m; j++) {
                if (columnVisited[j]) {
                    columnDual[j] -= shortest - pathCost[j];
                }
            }
            int column = sink;
            while (true) {
                int i = previousRow[column];
                rowOfColumn[column] = i;
                int displaced = columnOfRow[i];
                columnOfRow[i] = column;
                if (i == start) {
                    break;
                }
                column = displaced;
            }
        }
        return columnOfRow;
    }
}
