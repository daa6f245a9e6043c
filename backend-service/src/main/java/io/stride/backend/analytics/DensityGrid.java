package io.stride.backend.analytics;

import java.util.Arrays;

/** A grid of non-negative values over a frame, row by row: anchor counts, then their blurred density. */
public final class DensityGrid {

    private final int columns;
    private final int rows;
    private final double[] values;

    public DensityGrid(int columns, int rows) {
        if (columns <= 0 || rows <= 0) {
            throw new IllegalArgumentException("a grid needs at least one cell, got " + columns + "x" + rows);
        }
        this.columns = columns;
        this.rows = rows;
        this.values = new double[Math.multiplyExact(columns, rows)];
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    public double get(int column, int row) {
        return values[index(column, row)];
    }

    public void set(int column, int row, double value) {
        values[index(column, row)] = value;
    }

    public void add(int column, int row, double value) {
        values[index(column, row)] += value;
    }

    /** The largest value, 0 for an empty grid. */
    public double max() {
        return Arrays.stream(values).max().orElse(0);
    }

    /** The sum of every cell. */
    public double total() {
        return Arrays.stream(values).sum();
    }

    private int index(int column, int row) {
        if (column < 0 || column >= columns || row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("cell (" + column + ", " + row + ") outside " + columns + "x" + rows);
        }
        return row * columns + column;
    }
}
