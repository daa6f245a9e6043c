package io.stride.yolox.detect;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The anchor points of a YOLOX head: one per cell of each stride's feature map, strides in increasing order
 * and cells row-major within a map, which is the row order of the raw output.
 */
public final class GridLayout {

    /** Heads YOLOX ships: P3–P5, and P3–P6 for the P6 variants. */
    private static final List<int[]> KNOWN_STRIDES = List.of(new int[] {8, 16, 32}, new int[] {8, 16, 32, 64});

    private final int[] strides;
    private final float[] cellX;
    private final float[] cellY;
    private final float[] stride;

    private GridLayout(int[] strides, int inputWidth, int inputHeight) {
        this.strides = strides.clone();
        int count = anchorCount(strides, inputWidth, inputHeight);
        cellX = new float[count];
        cellY = new float[count];
        stride = new float[count];
        int i = 0;
        for (int s : strides) {
            int rows = inputHeight / s;
            int cols = inputWidth / s;
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++, i++) {
                    cellX[i] = x;
                    cellY[i] = y;
                    stride[i] = s;
                }
            }
        }
    }

    /** The layout with exactly these strides. */
    public static GridLayout of(int inputWidth, int inputHeight, int... strides) {
        if (strides.length == 0) {
            throw new IllegalArgumentException("at least one stride is needed");
        }
        return new GridLayout(strides, inputWidth, inputHeight);
    }

    /**
     * The known head whose anchor count equals the model's output rows.
     *
     * @throws IllegalArgumentException when no known head has that many anchors at this input size
     */
    public static GridLayout matching(int inputWidth, int inputHeight, int anchors) {
        for (int[] candidate : KNOWN_STRIDES) {
            if (anchorCount(candidate, inputWidth, inputHeight) == anchors) {
                return new GridLayout(candidate, inputWidth, inputHeight);
            }
        }
        String tried = KNOWN_STRIDES.stream()
                .map(s -> Arrays.toString(s) + " → " + anchorCount(s, inputWidth, inputHeight))
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException("a " + inputWidth + "x" + inputHeight + " input with " + anchors
                + " output rows matches no YOLOX head (strides → rows: " + tried + ")");
    }

    private static int anchorCount(int[] strides, int inputWidth, int inputHeight) {
        int count = 0;
        for (int s : strides) {
            count += (inputHeight / s) * (inputWidth / s);
        }
        return count;
    }

    public int anchorCount() {
        return stride.length;
    }

    public int[] strides() {
        return strides.clone();
    }

    /** Column of anchor {@code i}'s cell in its feature map. */
    public float cellX(int i) {
        return cellX[i];
    }

    /** Row of anchor {@code i}'s cell in its feature map. */
    public float cellY(int i) {
        return cellY[i];
    }

    /** Input pixels per cell of anchor {@code i}'s feature map. */
    public float stride(int i) {
        return stride[i];
    }
}
