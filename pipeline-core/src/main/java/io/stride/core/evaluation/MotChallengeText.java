package io.stride.core.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Reads MOTChallenge comma-separated text, ground truth or tracker results, as TrackEval accepts it: any row order,
 * blank lines skipped, cells separated by commas and/or spaces, frame and id columns whole numbers (also written as
 * {@code 12.0}), one row per id and frame.
 */
public final class MotChallengeText {

    /** Ground truth needs the class column (8th) to tell pedestrians from distractors. */
    static final int GROUND_TRUTH_COLUMNS = 8;
    /** A result needs frame, id and the box. */
    static final int RESULT_COLUMNS = 6;

    private MotChallengeText() {
    }

    /**
     * The rows of a {@code gt.txt}.
     *
     * @throws MotChallengeFormatException naming the first line that is not a ground-truth row
     */
    public static List<GroundTruthBox> groundTruth(List<String> lines) {
        return read(lines, GROUND_TRUTH_COLUMNS, cells -> new GroundTruthBox(whole(cells[0]),
                whole(cells[1]), number(cells[2]), number(cells[3]), number(cells[4]), number(cells[5]),
                (int) number(cells[6]) != 0, whole(cells[7])), GroundTruthBox::frame, GroundTruthBox::id);
    }

    /**
     * The rows of a tracker's result file.
     *
     * @throws MotChallengeFormatException naming the first line that is not a result row
     */
    public static List<TrackedBox> tracks(List<String> lines) {
        return read(lines, RESULT_COLUMNS, cells -> new TrackedBox(whole(cells[0]), whole(cells[1]),
                number(cells[2]), number(cells[3]), number(cells[4]), number(cells[5])),
                TrackedBox::frame, TrackedBox::id);
    }

    private static <T> List<T> read(List<String> lines, int columns, Function<String[], T> row,
                                    ToIntFunction<T> frame, ToIntFunction<T> id) {
        List<T> rows = new ArrayList<>();
        Map<Long, Integer> lineOfFrameAndId = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("[,\\s]+");
            if (cells.length < columns) {
                throw new MotChallengeFormatException(number, "expected at least " + columns + " columns, found "
                        + cells.length);
            }
            T parsed;
            try {
                parsed = row.apply(cells);
            } catch (IllegalArgumentException e) {
                throw new MotChallengeFormatException(number, e.getMessage());
            }
            long key = ((long) frame.applyAsInt(parsed) << Integer.SIZE) | (id.applyAsInt(parsed) & 0xffffffffL);
            Integer first = lineOfFrameAndId.putIfAbsent(key, number);
            if (first != null) {
                throw new MotChallengeFormatException(number, "frame " + frame.applyAsInt(parsed) + " has id "
                        + id.applyAsInt(parsed) + " again (first on line " + first + ")");
            }
            rows.add(parsed);
        }
        return rows;
    }

    private static double number(String cell) {
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + cell + "'");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: '" + cell + "'");
        }
        return value;
    }

    private static int whole(String cell) {
        double value = number(cell);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("not a whole number: '" + cell + "'");
        }
        return (int) value;
    }
}
