package io.stride.yolox.detect;

/** The two ways YOLOX is exported to ONNX; rows are {@code [x, y, w, h, objectness, class scores…]} in both. */
public enum OutputFormat {

    /**
     * Exported without {@code decode_in_inference} (the default of YOLOX's {@code export_onnx.py}): x/y are
     * offsets in grid cells and w/h are log sizes; objectness and class scores are already sigmoids.
     */
    RAW_GRID,

    /** Exported with {@code --decode_in_inference}: x/y are the box centre and w/h its size, in input pixels. */
    DECODED
}
