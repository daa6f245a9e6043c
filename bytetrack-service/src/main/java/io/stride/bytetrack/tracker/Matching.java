package io.stride.bytetrack.tracker;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one {@link LinearAssignment}: which row went to which column, and what was left over.
 *
 * @param columnOfRow for each row, its column, or {@code -1} when the row is unmatched
 * @param rowOfColumn for each column, its row, or {@code -1} when the column is unmatched
 */
public record Matching(int[] columnOfRow, int[] rowOfColumn) {

    /** Matched pairs {@code {row, column}} in row order. */
    public List<int[]> pairs() {
        List<int[]> pairs = new ArrayList<>();
        for (int row = 0; row < columnOfRow.length; row++) {
            if (columnOfRow[row] >= 0) {
                pairs.add(new int[] {row, columnOfRow[row]});
            }
        }
        return pairs;
    }

    /** Unmatched rows in ascending order. */
    public List<Integer> unmatchedRows() {
        return unmatched(columnOfRow);
    }

    /** Unmatched columns in ascending order. */
    public List<Integer> unmatchedColumns() {
        return unmatched(rowOfColumn);
    }

    private static List<Integer> unmatched(int[] partner) {
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < partner.length; i++) {
            if (partner[i] < 0) {
                free.add(i);
            }
        }
        return free;
    }
}
