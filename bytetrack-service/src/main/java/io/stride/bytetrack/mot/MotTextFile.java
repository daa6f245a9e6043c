package io.stride.bytetrack.mot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads MOTChallenge comma-separated files (detections, ground truth, tracker results) in any row order. */
public final class MotTextFile {

    private static final int MIN_COLUMNS = 7;

    private MotTextFile() {
    }

    /** Every row, in file order. Blank lines are skipped; separators may be commas and/or spaces. */
    public static List<MotRow> read(Path file) throws IOException {
        List<MotRow> rows = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] cells = trimmed.split("[,\\s]+");
            if (cells.length < MIN_COLUMNS) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": expected at least " + MIN_COLUMNS
                        + " columns, found " + cells.length);
            }
            try {
                rows.add(new MotRow(integer(cells[0]), integer(cells[1]),
                        Double.parseDouble(cells[2]), Double.parseDouble(cells[3]),
                        Double.parseDouble(cells[4]), Double.parseDouble(cells[5]),
                        Double.parseDouble(cells[6]),
                        cells.length > 7 ? Double.parseDouble(cells[7]) : MotRow.ABSENT,
                        cells.length > 8 ? Double.parseDouble(cells[8]) : MotRow.ABSENT));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    /** Rows grouped by frame, frames ascending, rows of a frame in file order. */
    public static Map<Integer, List<MotRow>> byFrame(List<MotRow> rows) {
        Map<Integer, List<MotRow>> frames = new TreeMap<>();
        for (MotRow row : rows) {
            frames.computeIfAbsent(row.frame(), f -> new ArrayList<>()).add(row);
        }
        return frames;
    }

    /** Frame and id columns are integers, written by some tools as {@code 12.0}. */
    private static int integer(String cell) {
        double value = Double.parseDouble(cell);
        if (value != Math.rint(value)) {
            throw new NumberFormatException("not an integer: " + cell);
        }
        return (int) value;
    }
}
