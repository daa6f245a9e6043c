package io.stride.bytetrack.tracker;

import java.util.Arrays;

/**
 * The pairs of a rows × columns cost matrix that may be matched at all, every other pair costing at least any
 * limit it will be solved with. In a frame of hundreds of people each box overlaps only a few others, so this
 * holds a few entries per row where a dense matrix would hold one per detection.
 *
 * @param rows    rows of the full matrix
 * @param columns columns of the full matrix
 * @param row     row of each entry
 * @param column  column of each entry
 * @param cost    cost of each entry
 */
public record SparseCosts(int rows, int columns, int[] row, int[] column, double[] cost) {

    public SparseCosts {
        if (row.length != column.length || row.length != cost.length) {
            throw new IllegalArgumentException("entry arrays differ in length");
        }
    }

    public int size() {
        return cost.length;
    }

    /** The entries of a dense matrix whose cost is below the limit. */
    public static SparseCosts below(double[][] dense, int columns, double limit) {
        Builder builder = new Builder(dense.length, columns);
        for (int r = 0; r < dense.length; r++) {
            for (int c = 0; c < columns; c++) {
                if (dense[r][c] < limit) {
                    builder.add(r, c, dense[r][c]);
                }
            }
        }
        return builder.build();
    }

    /** Collects entries one by one. */
    public static final class Builder {
        private static final int INITIAL_CAPACITY = 16;

        private final int rows;
        private final int columns;
        private int[] row = new int[INITIAL_CAPACITY];
        private int[] column = new int[INITIAL_CAPACITY];
        private double[] cost = new double[INITIAL_CAPACITY];
        private int size;

        public Builder(int rows, int columns) {
            this.rows = rows;
            this.columns = columns;
        }

        public void add(int r, int c, double value) {
            if (size == cost.length) {
                row = Arrays.copyOf(row, 2 * size);
                column = Arrays.copyOf(column, 2 * size);
                cost = Arrays.copyOf(cost, 2 * size);
            }
            row[size] = r;
            column[size] = c;
            cost[size] = value;
            size++;
        }

        public SparseCosts build() {
            return new SparseCosts(rows, columns, Arrays.copyOf(row, size), Arrays.copyOf(column, size),
                    Arrays.copyOf(cost, size));
        }
    }
}
