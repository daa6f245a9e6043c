package io.stride.rtmpose.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Keypoint;
import io.stride.core.model.ModelLoadException;
import io.stride.core.model.OnnxModel;
import io.stride.core.topic.StageId;
import io.stride.core.stage.StageMetrics;
import io.stride.rtmpose.pose.AffineTransform;
import io.stride.rtmpose.pose.CropRegion;
import io.stride.rtmpose.pose.InputNormaliser;
import io.stride.rtmpose.pose.InputSize;
import io.stride.rtmpose.pose.SimccDecoder;
import io.stride.rtmpose.pose.SimccOutput;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Top-down RTMPose on the person boxes of a frame: each box is cropped with an affine warp to the model's input
 * size, normalised, and all crops of a frame go through the model in one call when its batch dimension is
 * dynamic (in calls of the fixed batch size otherwise); the SimCC outputs are decoded and mapped back to frame
 * pixels. Works with any RTMPose ONNX export whose input is {@code [N, 3, H, W]} with fixed H and W and whose
 * outputs are {@code simcc_x [N, K, W·r]} and {@code simcc_y [N, K, H·r]}.
 *
 * <p>Each call's phases are timed apart, as the detector's are: {@code preprocess} (affine crops and normalisation
 * into the input tensor), {@code inference} (ONNX Runtime alone) and {@code postprocess} (SimCC decoding and
 * back-projection), so that the model's cost can be told from the stage's own work around it.
 *
 * <p>Thread-safe: ONNX Runtime sessions are, and each concurrent caller borrows its own {@link CropWorkspace}.
 */
public final class PoseEstimator implements AutoCloseable {

    public static final String SIMCC_X = "simcc_x";
    public static final String SIMCC_Y = "simcc_y";

    private static final Logger log = LoggerFactory.getLogger(PoseEstimator.class);
    private static final int INPUT_RANK = 4;
    private static final int OUTPUT_RANK = 3;
    private static final int CHANNELS = 3;
    private static final long DYNAMIC = -1;

    private final OnnxModel model;
    private final InputSize inputSize;
    /** Images per call the model accepts; 0 when its batch dimension is dynamic. */
    private final int fixedBatch;
    private final double padding;
    private final SimccDecoder decoder;
    private final InputNormaliser normaliser = InputNormaliser.rtmpose();
    private final Queue<CropWorkspace> idleWorkspaces = new ConcurrentLinkedQueue<>();
    private final AtomicLong inferenceCalls = new AtomicLong();
    private final StageMetrics metrics;

    /** As {@link #PoseEstimator(OnnxModel, double, double, StageMetrics)}, with its phase times kept nowhere. */
    public PoseEstimator(OnnxModel model, double padding, double splitRatio) {
        this(model, padding, splitRatio, new StageMetrics(new SimpleMeterRegistry(), StageId.RTMPOSE.id()));
    }

    /**
     * Takes ownership of the model: closing the estimator closes it.
     *
     * @param padding    crop size relative to the person box (RTMPose: 1.25)
     * @param splitRatio SimCC bins per input pixel (RTMPose: 2.0)
     * @param metrics    where the preprocess, inference and postprocess times of every model call are recorded
     * @throws ModelLoadException when the model's inputs or outputs are not those of an RTMPose export
     */
    public PoseEstimator(OnnxModel model, double padding, double splitRatio, StageMetrics metrics) {
        this.model = model;
        this.metrics = metrics;
        this.padding = padding;
        this.decoder = new SimccDecoder(splitRatio);
        long[] input = model.inputShape();
        if (input.length != INPUT_RANK || input[1] != CHANNELS || input[2] <= 0 || input[3] <= 0) {
            throw new ModelLoadException("model " + model.file().getFileName() + " is not an RTMPose model: input "
                    + "must be [N, 3, H, W] with fixed H and W, got " + Arrays.toString(input));
        }
        this.inputSize = new InputSize((int) input[3], (int) input[2]);
        this.fixedBatch = input[0] == DYNAMIC ? 0 : (int) input[0];
        checkOutput(SIMCC_X, Math.round(inputSize.width() * splitRatio));
        checkOutput(SIMCC_Y, Math.round(inputSize.height() * splitRatio));
        log.info("RTMPose model {}: input {} (w x h), {}", model.file().getFileName(), inputSize,
                fixedBatch == 0 ? "all persons of a frame in one call" : "batches of " + fixedBatch);
    }

    private void checkOutput(String name, long expectedBins) {
        if (!model.outputNames().contains(name)) {
            throw new ModelLoadException("model " + model.file().getFileName() + " is not an RTMPose model: no output '"
                    + name + "' (outputs: " + model.outputNames() + ")");
        }
        long[] shape = model.outputShape(name);
        if (shape.length != OUTPUT_RANK || (shape[2] != DYNAMIC && shape[2] != expectedBins)) {
            throw new ModelLoadException("model " + model.file().getFileName() + ": output " + name + " must be [N, K, "
                    + expectedBins + "] for input " + inputSize + " and the configured split ratio, got "
                    + Arrays.toString(shape));
        }
    }

    public InputSize inputSize() {
        return inputSize;
    }

    /** Whether all persons of a frame go through the model in one call. */
    public boolean batchesAllPersons() {
        return fixedBatch == 0;
    }

    /** Model runs since start-up: one per frame with persons when the batch dimension is dynamic. */
    public long inferenceCalls() {
        return inferenceCalls.get();
    }

    /**
     * The keypoints of each box, in the boxes' order, in frame pixels.
     *
     * @param bgrFrame the whole frame, 8-bit BGR
     * @param boxes    person boxes with positive width and height, in frame pixels
     */
    public List<List<Keypoint>> estimate(Mat bgrFrame, List<BoundingBox> boxes) throws OrtException {
        if (boxes.isEmpty()) {
            return List.of();
        }
        List<List<Keypoint>> poses = new ArrayList<>(boxes.size());
        CropWorkspace workspace = borrowWorkspace();
        try {
            int perCall = fixedBatch == 0 ? boxes.size() : fixedBatch;
            for (int first = 0; first < boxes.size(); first += perCall) {
                poses.addAll(estimateCall(bgrFrame, boxes.subList(first, Math.min(boxes.size(), first + perCall)),
                        fixedBatch == 0 ? boxes.size() : fixedBatch, workspace));
            }
        } finally {
            idleWorkspaces.add(workspace);
        }
        return poses;
    }

    private List<List<Keypoint>> estimateCall(Mat frame, List<BoundingBox> boxes, int batch, CropWorkspace workspace)
            throws OrtException {
        FloatBuffer tensorData = workspace.tensor(batch, boxes.size());
        AffineTransform[] inputToFrame = timed("preprocess", () -> crop(frame, boxes, tensorData, workspace));
        long[] shape = {batch, CHANNELS, inputSize.height(), inputSize.width()};
        try (OnnxTensor input = OnnxTensor.createTensor(model.environment(), tensorData, shape);
             OrtSession.Result result = timed("inference", () -> model.run(Map.of(model.inputName(), input)))) {
            inferenceCalls.incrementAndGet();
            return timed("postprocess", () -> decode(result, inputToFrame));
        }
    }

    /** Warps each box's region into its slot of the input tensor; returns each slot's mapping back to the frame. */
    private AffineTransform[] crop(Mat frame, List<BoundingBox> boxes, FloatBuffer tensorData,
                                   CropWorkspace workspace) {
        int imageLength = CHANNELS * inputSize.pixels();
        AffineTransform[] inputToFrame = new AffineTransform[boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            AffineTransform frameToInput = AffineTransform.regionToInput(
                    CropRegion.around(boxes.get(i), padding, inputSize), inputSize);
            normaliser.writeChw(workspace.crop(frame, frameToInput), inputSize, tensorData, i * imageLength);
            inputToFrame[i] = frameToInput.inverse();
        }
        return inputToFrame;
    }

    private List<List<Keypoint>> decode(OrtSession.Result result, AffineTransform[] inputToFrame) {
        SimccOutput output = simccOutput(result);
        List<List<Keypoint>> poses = new ArrayList<>(inputToFrame.length);
        for (int i = 0; i < inputToFrame.length; i++) {
            poses.add(decoder.decode(output, i, inputToFrame[i]));
        }
        return poses;
    }

    /** {@link StageMetrics#time} for work that throws only what ONNX Runtime and the JDK throw. */
    private <T> T timed(String phase, Callable<T> work) throws OrtException {
        try {
            return metrics.time(phase, work);
        } catch (OrtException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected checked exception in phase " + phase, e);
        }
    }

    private SimccOutput simccOutput(OrtSession.Result result) {
        OnnxTensor x = outputTensor(result, SIMCC_X);
        OnnxTensor y = outputTensor(result, SIMCC_Y);
        long[] xShape = x.getInfo().getShape();
        long[] yShape = y.getInfo().getShape();
        if (xShape.length != OUTPUT_RANK || yShape.length != OUTPUT_RANK || xShape[0] != yShape[0]
                || xShape[1] != yShape[1]) {
            throw new IllegalStateException("model " + model.file().getFileName() + " returned SimCC outputs of shapes "
                    + Arrays.toString(xShape) + " and " + Arrays.toString(yShape));
        }
        return new SimccOutput(toArray(x.getFloatBuffer()), toArray(y.getFloatBuffer()),
                (int) xShape[0], (int) xShape[1], (int) xShape[2], (int) yShape[2]);
    }

    private OnnxTensor outputTensor(OrtSession.Result result, String name) {
        OnnxValue value = result.get(name)
                .orElseThrow(() -> new IllegalStateException("model returned no output '" + name + "'"));
        if (!(value instanceof OnnxTensor tensor)) {
            throw new IllegalStateException("model output '" + name + "' is not a tensor");
        }
        return tensor;
    }

    private static float[] toArray(FloatBuffer buffer) {
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private CropWorkspace borrowWorkspace() {
        CropWorkspace workspace = idleWorkspaces.poll();
        return workspace != null ? workspace : new CropWorkspace(inputSize);
    }

    @Override
    public void close() {
        CropWorkspace workspace;
        while ((workspace = idleWorkspaces.poll()) != null) {
            workspace.close();
        }
        model.close();
    }
}
