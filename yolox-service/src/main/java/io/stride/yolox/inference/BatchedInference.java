package io.stride.yolox.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.stride.core.frame.Detection;
import io.stride.core.model.OnnxModel;
import io.stride.core.stage.StageMetrics;
import io.stride.yolox.detect.Letterbox;
import io.stride.yolox.detect.LetterboxGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Runs frames through a letterbox-input model in batches of at most {@code batchSize}, and hands each batch's
 * result to a decoder while the result is still open. Every tensor and result is closed before the next batch.
 *
 * <p>Reports the time of its {@code preprocess}, {@code inference} and {@code postprocess} phases and the size of
 * each inference call to the stage's metrics.
 *
 * <p>Stage workers call concurrently (one thread per consumer); each thread gets its own input buffer, since
 * ONNX Runtime sessions are thread-safe and the buffers are not.
 */
final class BatchedInference implements AutoCloseable {

    /** Reads the detections of each frame of one batch from the model's outputs. */
    @FunctionalInterface
    interface BatchDecoder {
        List<List<Detection>> decode(OrtSession.Result result, List<LetterboxGeometry> geometries) throws OrtException;
    }

    private final OnnxModel model;
    private final String inputName;
    private final int batchSize;
    private final BatchDecoder decoder;
    private final StageMetrics metrics;
    private final Queue<InputBatch> allBatches = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<InputBatch> threadBatch;

    BatchedInference(OnnxModel model, int batchSize, Supplier<Letterbox> letterboxes, BatchDecoder decoder,
                     StageMetrics metrics) {
        this.model = model;
        this.metrics = metrics;
        this.inputName = model.inputName();
        this.batchSize = batchSize;
        this.decoder = decoder;
        this.threadBatch = ThreadLocal.withInitial(() -> {
            var batch = new InputBatch(letterboxes.get(), batchSize);
            allBatches.add(batch);
            return batch;
        });
    }

    List<List<Detection>> run(List<Mat> frames) throws Exception {
        InputBatch batch = threadBatch.get();
        List<List<Detection>> detections = new ArrayList<>(frames.size());
        for (int from = 0; from < frames.size(); from += batchSize) {
            List<Mat> chunk = frames.subList(from, Math.min(frames.size(), from + batchSize));
            List<LetterboxGeometry> geometries = metrics.time("preprocess", () -> batch.fill(chunk));
            metrics.inferenceBatch(chunk.size());
            try (OnnxTensor input = batch.tensor(model.environment(), chunk.size());
                 OrtSession.Result result = metrics.time("inference", () -> model.run(Map.of(inputName, input)))) {
                detections.addAll(metrics.time("postprocess", () -> decoder.decode(result, geometries)));
            }
        }
        return detections;
    }

    int batchSize() {
        return batchSize;
    }

    @Override
    public void close() {
        InputBatch batch;
        while ((batch = allBatches.poll()) != null) {
            batch.close();
        }
    }
}
