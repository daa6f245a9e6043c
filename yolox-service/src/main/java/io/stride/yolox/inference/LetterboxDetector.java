package io.stride.yolox.inference;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.stride.core.frame.Detection;
import io.stride.core.model.OnnxModel;
import io.stride.core.stage.StageMetrics;
import io.stride.yolox.detect.Letterbox;
import io.stride.yolox.detect.LetterboxGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A detector whose model takes letterboxed frames in batches: the input shape and the batched session are the
 * same for every such model; what a subclass adds is how its graph's outputs become detections.
 */
abstract sealed class LetterboxDetector implements ObjectDetector permits YoloxDetector, RtmdetDetector {

    /** Reads the detections of one image of a batch from outputs that are still open. */
    @FunctionalInterface
    interface ImageDecoder {
        List<Detection> decode(int image, LetterboxGeometry geometry);
    }

    private final InputShape input;
    private final BatchedInference inference;

    LetterboxDetector(OnnxModel model, InputShape input, int batchSize, Supplier<Letterbox> letterboxes,
                      StageMetrics metrics) {
        this.input = input;
        this.inference = new BatchedInference(model, batchSize, letterboxes, this::decodeBatch, metrics);
    }

    /** The detections of each image of one batch, in the batch's order. */
    abstract List<List<Detection>> decodeBatch(OrtSession.Result result, List<LetterboxGeometry> geometries)
            throws OrtException;

    static List<List<Detection>> eachImage(List<LetterboxGeometry> geometries, ImageDecoder decoder) {
        List<List<Detection>> detections = new ArrayList<>(geometries.size());
        for (int i = 0; i < geometries.size(); i++) {
            detections.add(decoder.decode(i, geometries.get(i)));
        }
        return detections;
    }

    @Override
    public final List<List<Detection>> detect(List<Mat> frames) throws Exception {
        return inference.run(frames);
    }

    @Override
    public final int inputWidth() {
        return input.width();
    }

    @Override
    public final int inputHeight() {
        return input.height();
    }

    @Override
    public final int batchSize() {
        return inference.batchSize();
    }

    @Override
    public final void close() {
        inference.close();
    }
}
