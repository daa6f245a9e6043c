package io.stride.yolox.stage;

import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.image.JpegCodec;
import io.stride.core.stage.StageMetrics;
import io.stride.core.stage.StageProcessor;
import io.stride.core.stage.WarmUpFrames;
import io.stride.yolox.inference.ObjectDetector;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The detection stage: decodes each frame's JPEG (reduced to what the model input needs, see
 * {@link DecodeReduction}), detects objects in batches of the detector's size, and forwards the record with its
 * detections in frame pixels, keeping those its task's options ask for (classes, lowest score). End-of-stream
 * records pass through unchanged, in their place. JPEG decoding is
 * timed as the {@code decode} phase of the stage's metrics.
 */
public final class YoloxProcessor implements StageProcessor {

    private final ObjectDetector detector;
    private final StageMetrics metrics;
    private final boolean reducedDecode;

    /** @param reducedDecode whether JPEGs may be decoded smaller than the frame when the model input is */
    public YoloxProcessor(ObjectDetector detector, StageMetrics metrics, boolean reducedDecode) {
        this.detector = detector;
        this.metrics = metrics;
        this.reducedDecode = reducedDecode;
    }

    @Override
    public List<FrameRecord> process(List<FrameRecord> records) throws Exception {
        List<FrameRecord> out = new ArrayList<>(records.size());
        List<FrameRecord> pending = new ArrayList<>(detector.batchSize());
        for (FrameRecord record : records) {
            if (record.isEndOfStream()) {
                detectAll(pending, out);
                out.add(record);
            } else {
                pending.add(record);
                if (pending.size() == detector.batchSize()) {
                    detectAll(pending, out);
                }
            }
        }
        detectAll(pending, out);
        return out;
    }

    /** Two batches: the model session's first run allocates, the second is a task's usual one. */
    @Override
    public void warmUp() throws Exception {
        process(WarmUpFrames.of(2 * detector.batchSize()));
    }

    /** Decodes only one batch of frames at a time: a 4K frame is 25 MB decoded. */
    private void detectAll(List<FrameRecord> pending, List<FrameRecord> out) throws Exception {
        if (pending.isEmpty()) {
            return;
        }
        List<Mat> images = new ArrayList<>(pending.size());
        try {
            metrics.time("decode", () -> {
                for (FrameRecord frame : pending) {
                    images.add(JpegCodec.decode(frame.jpeg(), reduction(frame)));
                }
                return images;
            });
            List<List<Detection>> detections = detector.detect(images);
            for (int i = 0; i < pending.size(); i++) {
                FrameRecord frame = pending.get(i);
                List<Detection> kept = detections.get(i).stream().filter(frame.options()::keeps).toList();
                out.add(frame.withDetections(inFramePixels(kept, frame, images.get(i))));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("frames " + pending.get(0).frameIndex() + "–"
                    + pending.get(pending.size() - 1).frameIndex() + ": " + e.getMessage(), e);
        } finally {
            images.forEach(Mat::close);
            pending.clear();
        }
    }

    private int reduction(FrameRecord frame) {
        return reducedDecode
                ? DecodeReduction.factor(frame.width(), frame.height(), detector.inputWidth(), detector.inputHeight())
                : 1;
    }

    private static List<Detection> inFramePixels(List<Detection> detections, FrameRecord frame, Mat decoded) {
        if (decoded.cols() == frame.width() && decoded.rows() == frame.height()) {
            return detections;
        }
        double sx = (double) frame.width() / decoded.cols();
        double sy = (double) frame.height() / decoded.rows();
        return detections.stream()
                .map(d -> new Detection(d.box().scaled(sx, sy), d.score(), d.classId()))
                .toList();
    }
}
