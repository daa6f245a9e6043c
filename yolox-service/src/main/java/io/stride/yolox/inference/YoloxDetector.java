package io.stride.yolox.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.stride.core.frame.Detection;
import io.stride.core.model.ModelLoadException;
import io.stride.core.model.OnnxModel;
import io.stride.core.stage.StageMetrics;
import io.stride.yolox.YoloxProperties;
import io.stride.yolox.detect.GridLayout;
import io.stride.yolox.detect.Letterbox;
import io.stride.yolox.detect.LetterboxGeometry;
import io.stride.yolox.detect.Nms;
import io.stride.yolox.detect.OutputFormat;
import io.stride.yolox.detect.PixelNormalization;
import io.stride.yolox.detect.ResizeRule;
import io.stride.yolox.detect.YoloxDecoder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * YOLOX on ONNX Runtime: official YOLOX ≥ 0.1.1 preprocessing (top-left letterbox, grey 114, BGR 0–255), the
 * input size and class count read from the graph, either export variant, and batches where the graph's batch
 * dimension is dynamic.
 */
public final class YoloxDetector extends LetterboxDetector {

    private static final Logger log = LoggerFactory.getLogger(YoloxDetector.class);

    /** The grey YOLOX pads with in training and inference. */
    static final int PAD_VALUE = 114;
    private static final String DECODE_OPERATOR = "Exp";
    private static final int OUTPUT_RANK = 3;
    private static final int ROW_PREFIX = 5;
    /** Strides of the standard P3–P5 head, assumed when the graph does not fix the number of rows. */
    private static final int[] STANDARD_STRIDES = {8, 16, 32};

    private final YoloxDecoder decoder;

    private YoloxDetector(OnnxModel model, InputShape input, YoloxDecoder decoder, int batchSize,
                          StageMetrics metrics) {
        super(model, input, batchSize,
                () -> new Letterbox(input.width(), input.height(), ResizeRule.YOLOX, PixelNormalization.NONE, PAD_VALUE),
                metrics);
        this.decoder = decoder;
    }

    /** @throws ModelLoadException when the graph is not a YOLOX detector this class can read */
    public static YoloxDetector create(OnnxModel model, YoloxProperties settings, StageMetrics metrics) {
        String name = model.file().getFileName().toString();
        InputShape input = InputShape.of(name, model.inputShape(), settings.inputSize());
        List<String> outputs = model.outputNames();
        long[] outputShape = model.outputShape(outputs.get(0));
        if (outputs.size() != 1 || outputShape.length != OUTPUT_RANK || outputShape[2] <= ROW_PREFIX) {
            throw new ModelLoadException(name + ": expected one output [batch, anchors, 5 + classes], got "
                    + outputs + " " + Arrays.toString(outputShape));
        }
        int classes = Math.toIntExact(outputShape[2] - ROW_PREFIX);
        Nms nms = new Nms(settings.nmsThreshold());
        OutputFormat format = outputFormat(model, settings.outputFormat());
        boolean fixedRows = outputShape[1] > 0;
        YoloxDecoder decoder;
        try {
            if (format == OutputFormat.RAW_GRID) {
                GridLayout grid = fixedRows
                        ? GridLayout.matching(input.width(), input.height(), Math.toIntExact(outputShape[1]))
                        : GridLayout.of(input.width(), input.height(), STANDARD_STRIDES);
                decoder = YoloxDecoder.rawGrid(grid, classes, settings.scoreThreshold(), nms);
            } else {
                int anchors = fixedRows ? Math.toIntExact(outputShape[1])
                        : GridLayout.of(input.width(), input.height(), STANDARD_STRIDES).anchorCount();
                decoder = YoloxDecoder.decoded(anchors, classes, settings.scoreThreshold(), nms);
            }
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(name + ": " + e.getMessage(), e);
        }
        int batchSize = input.batchSize(settings.batchSize());
        log.info("YOLOX model {}: input {}x{}, {} classes, {} output, {} frame(s) per inference call",
                name, input.width(), input.height(), classes, format, batchSize);
        return new YoloxDetector(model, input, decoder, batchSize, metrics);
    }

    private static OutputFormat outputFormat(OnnxModel model, YoloxProperties.OutputFormatSetting setting) {
        return switch (setting) {
            case RAW_GRID -> OutputFormat.RAW_GRID;
            case DECODED -> OutputFormat.DECODED;
            case AUTO -> {
                try {
                    yield OnnxGraphOperators.of(model.file()).contains(DECODE_OPERATOR)
                            ? OutputFormat.DECODED : OutputFormat.RAW_GRID;
                } catch (java.io.UncheckedIOException e) {
                    throw new ModelLoadException(e.getMessage() + "; set stride.yolox.output-format", e);
                }
            }
        };
    }

    @Override
    List<List<Detection>> decodeBatch(OrtSession.Result result, List<LetterboxGeometry> geometries)
            throws OrtException {
        OnnxTensor output = (OnnxTensor) result.get(0);
        long[] shape = output.getInfo().getShape();
        long expected = (long) geometries.size() * decoder.imageFloats();
        if (output.getInfo().getNumElements() != expected) {
            throw new IllegalStateException("model output " + Arrays.toString(shape) + " does not hold "
                    + geometries.size() + " images of " + decoder.imageFloats() + " floats");
        }
        FloatBuffer values = output.getFloatBuffer();
        return eachImage(geometries,
                (image, geometry) -> decoder.decode(values, image * decoder.imageFloats(), geometry));
    }

    public OutputFormat outputFormat() {
        return decoder.format();
    }
}
