package io.stride.yolox.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.stride.core.frame.Detection;
import io.stride.core.model.ModelLoadException;
import io.stride.core.model.OnnxModel;
import io.stride.core.stage.StageMetrics;
import io.stride.yolox.YoloxProperties;
import io.stride.yolox.detect.Letterbox;
import io.stride.yolox.detect.LetterboxGeometry;
import io.stride.yolox.detect.ResizeRule;
import io.stride.yolox.detect.RtmdetDecoder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MMDeploy RTMDet export (such as the RTMPose SDK's person detector): NMS runs in the graph, which returns
 * {@code dets} {@code [batch, n, 5]} and {@code labels} {@code [batch, n]}. Preprocessing and the batch size
 * follow the MMDeploy SDK files beside the model ({@link RtmdetSdkConfig}).
 */
public final class RtmdetDetector extends LetterboxDetector {

    private static final Logger log = LoggerFactory.getLogger(RtmdetDetector.class);

    static final String DETS = "dets";
    static final String LABELS = "labels";

    private final RtmdetDecoder decoder;

    private RtmdetDetector(OnnxModel model, InputShape input, RtmdetSdkConfig sdk, RtmdetDecoder decoder,
                           int batchSize, StageMetrics metrics) {
        super(model, input, batchSize,
                () -> new Letterbox(input.width(), input.height(), ResizeRule.MMDET,
                        sdk.normalization(), sdk.padValue()),
                metrics);
        this.decoder = decoder;
    }

    /** @throws ModelLoadException when the graph does not have the {@code dets} and {@code labels} outputs */
    public static RtmdetDetector create(OnnxModel model, YoloxProperties settings, StageMetrics metrics) {
        String name = model.file().getFileName().toString();
        RtmdetSdkConfig sdk = RtmdetSdkConfig.besideModel(model.file());
        Integer size = settings.inputSize() != null ? settings.inputSize() : sdk.size();
        InputShape input = InputShape.of(name, model.inputShape(), size);
        if (!model.outputNames().containsAll(List.of(DETS, LABELS))) {
            throw new ModelLoadException(name + ": expected outputs '" + DETS + "' and '" + LABELS + "', got "
                    + model.outputNames());
        }
        int batchSize = input.batchSize(Math.min(settings.batchSize(), sdk.batchSize()));
        log.info("RTMDet model {}: input {}x{}, {}, pad {}, {} frame(s) per inference call",
                name, input.width(), input.height(), sdk.normalization(), sdk.padValue(), batchSize);
        return new RtmdetDetector(model, input, sdk, new RtmdetDecoder(settings.scoreThreshold()), batchSize,
                metrics);
    }

    @Override
    List<List<Detection>> decodeBatch(OrtSession.Result result, List<LetterboxGeometry> geometries)
            throws OrtException {
        OnnxTensor dets = tensor(result, DETS);
        OnnxTensor labels = tensor(result, LABELS);
        long[] shape = dets.getInfo().getShape();
        if (shape.length != 3 || shape[0] != geometries.size() || shape[2] != RtmdetDecoder.DET_LENGTH) {
            throw new IllegalStateException("'" + DETS + "' has shape " + Arrays.toString(shape) + " for "
                    + geometries.size() + " images");
        }
        int rows = Math.toIntExact(shape[1]);
        FloatBuffer detValues = dets.getFloatBuffer();
        LongBuffer labelValues = labels.getLongBuffer();
        return eachImage(geometries,
                (image, geometry) -> decoder.decode(detValues, labelValues, image * rows, rows, geometry));
    }

    private static OnnxTensor tensor(OrtSession.Result result, String name) {
        OnnxValue value = result.get(name).orElseThrow(() -> new IllegalStateException("no output '" + name + "'"));
        return (OnnxTensor) value;
    }
}
