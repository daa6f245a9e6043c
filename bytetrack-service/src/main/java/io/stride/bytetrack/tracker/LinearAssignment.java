package io.stride.bytetrack.tracker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimum-cost matching of rows to columns with a cost limit, the contract of {@code lap.lapjv(cost,
 * extend_cost=True, cost_limit=limit)} that ByteTrack uses: a pair is made only when its cost is below the limit,
 * and among those the matching of least total cost wins, where leaving a row and a column unmatched costs the
 * limit. That is the same as maximising the sum of {@code limit − cost} over the pairs made.
 *
 * <p>Only pairs below the limit can be made, so rows and columns fall apart into independent groups (connected
 * by such pairs); in a tracking frame most groups are one person and one detection. Each group is solved on its
 * own, exactly, as a complete rectangular assignment on {@code min(cost − limit, 0)} (pairs at or above the limit
 * cost nothing there and are dropped afterwards) with the Jonker–Volgenant shortest augmenting path and dual
 * variables, O(k²·l) for a k × l group. Deterministic: groups, rows and columns are taken in index order.
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
        return solve(SparseCosts.below(cost, columns, limit), limit);
    }

    /** The same for a matrix given by its entries; pairs not listed are never made. */
    public static Matching solve(SparseCosts costs, double limit) {
        int rows = costs.rows();
        int columns = costs.columns();
        int[] columnOfRow = new int[rows];
        int[] rowOfColumn = new int[columns];
        Arrays.fill(columnOfRow, -1);
        Arrays.fill(rowOfColumn, -1);
        int[] parent = new int[rows + columns];
        Arrays.fill(parent, -1);
        for (int e = 0; e < costs.size(); e++) {
            if (costs.cost()[e] < limit) {
                union(parent, costs.row()[e], rows + costs.column()[e]);
            }
        }
        // Groups numbered in order of their first row, then rows and columns in index order within each.
        int[] groupOf = new int[rows + columns];
        Arrays.fill(groupOf, -1);
        List<List<Integer>> groupRows = new ArrayList<>();
        List<List<Integer>> groupColumns = new ArrayList<>();
        Map<Integer, Integer> groupOfRoot = new HashMap<>();
        for (int node = 0; node < rows + columns; node++) {
            if (parent[node] < 0) {
                continue;
            }
            int group = groupOfRoot.computeIfAbsent(find(parent, node), root -> {
                groupRows.add(new ArrayList<>());
                groupColumns.add(new ArrayList<>());
                return groupRows.size() - 1;
            });
            groupOf[node] = group;
            if (node < rows) {
                groupRows.get(group).add(node);
            } else {
                groupColumns.get(group).add(node - rows);
            }
        }
        List<List<Integer>> groupEntries = new ArrayList<>(groupRows.size());
        for (int g = 0; g < groupRows.size(); g++) {
            groupEntries.add(new ArrayList<>());
        }
        for (int e = 0; e < costs.size(); e++) {
            if (costs.cost()[e] < limit) {
                groupEntries.get(groupOf[costs.row()[e]]).add(e);
            }
        }
        for (int g = 0; g < groupRows.size(); g++) {
            solveGroup(costs, limit, groupEntries.get(g), groupRows.get(g), groupColumns.get(g), columnOfRow,
                    rowOfColumn);
        }
        return new Matching(columnOfRow, rowOfColumn);
    }

    private static void union(int[] parent, int a, int b) {
        int rootA = find(parent, a);
        int rootB = find(parent, b);
        if (rootA != rootB) {
            parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
        }
    }

    /** Root of a node's set; a node never linked (−1) becomes its own root when first linked. */
    private static int find(int[] parent, int node) {
        if (parent[node] < 0) {
            parent[node] = node;
            return node;
        }
        int root = node;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[node] != root) {
            int next = parent[node];
            parent[node] = root;
            node = next;
        }
        return root;
    }

    /**
     * Solves one group exactly: a complete assignment on {@code min(cost − limit, 0)} over its rows and columns,
     * in which the pairs not listed cost 0 and are dropped afterwards like any pair at or above the limit.
     */
    private static void solveGroup(SparseCosts costs, double limit, List<Integer> entries, List<Integer> rowIds,
                                   List<Integer> columnIds, int[] columnOfRow, int[] rowOfColumn) {
        boolean transposed = rowIds.size() > columnIds.size();
        int n = transposed ? columnIds.size() : rowIds.size();
        int m = transposed ? rowIds.size() : columnIds.size();
        Map<Integer, Integer> rowIndex = indexOf(rowIds);
        Map<Integer, Integer> columnIndex = indexOf(columnIds);
        double[][] gain = new double[n][m];
        double[][] pairCost = new double[rowIds.size()][columnIds.size()];
        for (double[] row : pairCost) {
            Arrays.fill(row, Double.NaN);
        }
        for (int e : entries) {
            int a = rowIndex.get(costs.row()[e]);
            int b = columnIndex.get(costs.column()[e]);
            double value = costs.cost()[e] - limit;
            pairCost[a][b] = costs.cost()[e];
            if (transposed) {
                gain[b][a] = value;
            } else {
                gain[a][b] = value;
            }
        }
        int[] assigned = assignEveryRow(gain, n, m);
        for (int i = 0; i < n; i++) {
            int a = transposed ? assigned[i] : i;
            int b = transposed ? i : assigned[i];
            if (pairCost[a][b] < limit) {
                columnOfRow[rowIds.get(a)] = columnIds.get(b);
                rowOfColumn[columnIds.get(b)] = rowIds.get(a);
            }
        }
    }

    private static Map<Integer, Integer> indexOf(List<Integer> ids) {
        Map<Integer, Integer> index = new HashMap<>(2 * ids.size());
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        return index;
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
