package io.stride.rtmpose.testing;

import static io.stride.rtmpose.testing.OnnxModelWriter.DYNAMIC;
import static io.stride.rtmpose.testing.OnnxModelWriter.FLOAT;
import static io.stride.rtmpose.testing.OnnxModelWriter.intAttribute;
import static io.stride.rtmpose.testing.OnnxModelWriter.intsAttribute;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for RTMPose whose right answer is known exactly, for tests in this and other modules (the real
 * weights cannot be downloaded in the build). Same interface as an RTMPose ONNX export: input {@code input}
 * {@code [N, 3, H, W]}, outputs {@code simcc_x [N, 17, 2W]} and {@code simcc_y [N, 17, 2H]} (split ratio 2).
 *
 * <p>What it computes, per image: the brightness of each pixel, the mean of its three normalised channels; the
 * brightest value of each column ({@code simcc_x}) and of each row ({@code simcc_y}), each repeated twice, so
 * bins {@code 2x} and {@code 2x + 1} hold column x; the same for all 17 keypoints. Decoded the RTMPose way
 * (first maximum, divided by 2), every keypoint lands on the brightest pixel of the crop (the top-most,
 * left-most on ties), with a score equal to that pixel's brightness: positive for white, negative for black.
 * A single bright dot in a frame therefore comes back as that dot's frame position.
 */
public final class ExactAnswerPoseModel {

    /** COCO body keypoints, the count RTMPose body models output. */
    public static final int KEYPOINTS = 17;
    /** SimCC bins per input pixel of the model's outputs. */
    public static final int SPLIT_RATIO = 2;

    private static final long OPSET = 13;
    private static final int DROP_REDUCED_AXES = 0;
    private static final long CHANNEL_AXIS = 1;
    private static final long ROW_AXIS = 1;
    private static final long COLUMN_AXIS = 2;

    private ExactAnswerPoseModel() {
    }

    /** Writes the model with a dynamic batch dimension, as RTMPose exports with dynamic axes have. */
    public static Path write(Path file, int inputWidth, int inputHeight) throws IOException {
        return write(file, inputWidth, inputHeight, DYNAMIC);
    }

    /** Writes the model with a fixed batch size, as the static RTMPose SDK exports (batch 1) have. */
    public static Path writeWithFixedBatch(Path file, int inputWidth, int inputHeight, int batch) throws IOException {
        if (batch <= 0) {
            throw new IllegalArgumentException("batch must be positive, got " + batch);
        }
        return write(file, inputWidth, inputHeight, (long) batch);
    }

    private static Path write(Path file, int inputWidth, int inputHeight, long batch) throws IOException {
        if (inputWidth <= 0 || inputHeight <= 0) {
            throw new IllegalArgumentException("input size must be positive");
        }
        var model = new OnnxModelWriter("exact_answer_pose", OPSET)
                .input("input", FLOAT, batch, 3, inputHeight, inputWidth)
                .output("simcc_x", FLOAT, batch, KEYPOINTS, (long) inputWidth * SPLIT_RATIO)
                .output("simcc_y", FLOAT, batch, KEYPOINTS, (long) inputHeight * SPLIT_RATIO)
                .int64Initializer("last_axis", new long[] {1}, 2)
                .int64Initializer("keypoint_axis", new long[] {1}, 1)
                .int64Initializer("keep_batch_flatten_rest", new long[] {2}, 0, -1)
                .int64Initializer("keypoint_copies", new long[] {3}, 1, KEYPOINTS, 1)
                .node("ReduceMean", List.of("input"), List.of("brightness"),
                        intsAttribute("axes", CHANNEL_AXIS), intAttribute("keepdims", DROP_REDUCED_AXES))
                .node("ReduceMax", List.of("brightness"), List.of("column_peak"),
                        intsAttribute("axes", ROW_AXIS), intAttribute("keepdims", DROP_REDUCED_AXES))
                .node("ReduceMax", List.of("brightness"), List.of("row_peak"),
                        intsAttribute("axes", COLUMN_AXIS), intAttribute("keepdims", DROP_REDUCED_AXES));
        simccFromProfile(model, "column_peak", "simcc_x");
        simccFromProfile(model, "row_peak", "simcc_y");
        return model.write(file);
    }

    /** {@code [N, L]} → {@code [N, 17, 2L]}: each value twice in a row, the row once per keypoint. */
    private static void simccFromProfile(OnnxModelWriter model, String profile, String output) {
        model.node("Unsqueeze", List.of(profile, "last_axis"), List.of(profile + "_column"))
                .node("Concat", List.of(profile + "_column", profile + "_column"), List.of(profile + "_pairs"),
                        intAttribute("axis", 2))
                .node("Reshape", List.of(profile + "_pairs", "keep_batch_flatten_rest"), List.of(profile + "_bins"))
                .node("Unsqueeze", List.of(profile + "_bins", "keypoint_axis"), List.of(profile + "_one_keypoint"))
                .node("Expand", List.of(profile + "_one_keypoint", "keypoint_copies"), List.of(output));
    }
}
