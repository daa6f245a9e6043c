package io.stride.bytetrack.mot;

/**
 * One line of a MOTChallenge text file: {@code frame, id, left, top, width, height, c7[, c8, c9[, c10]]}.
 * Column 7 is the score in detection and result files and the "consider" flag in ground truth; column 8 is the
 * class and column 9 the visibility in ground truth.
 */
public record MotRow(int frame, int id, double left, double top, double width, double height,
                     double column7, double column8, double column9) {

    /** Columns 8 and 9 when the line has fewer. */
    public static final double ABSENT = -1;

    /** The box as {@code (x1, y1, x2, y2)}. */
    public double[] tlbr() {
        return new double[] {left, top, left + width, top + height};
    }
}
