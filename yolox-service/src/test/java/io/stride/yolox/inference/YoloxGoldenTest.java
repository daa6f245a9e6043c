package io.stride.yolox.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.stride.core.frame.Detection;
import io.stride.core.model.OnnxModel;
import io.stride.core.testing.SharedData;
import io.stride.yolox.TestModels;
import io.stride.yolox.VideoFrames;
import io.stride.yolox.YoloxProperties.ModelType;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/**
 * The service's detections against a reference written separately from the YOLOX demo's description
 * (pad a copy of the resized frame top-left with grey 114, CHW floats; grid offsets plus exp sizes times the stride;
 * obj × best class; per-class greedy NMS; divide by r), run on the model's raw output for the same frames.
 */
class YoloxGoldenTest {

    private static final int[] FRAMES = {0, 75, 150, 225, 300};
    private static final int[] STRIDES = {8, 16, 32};
    private static final double MIN_IOU = 0.99;
    private static final double MAX_SCORE_DIFFERENCE = 0.01;

    @Test
    void theServiceMatchesTheReferenceOnRealFrames() throws Exception {
        Path file = SharedData.model(SharedData.YOLOX_NANO);
        List<Mat> frames = VideoFrames.read(SharedData.video(SharedData.PEOPLE_WALKING), FRAMES);
        try (OnnxModel model = TestModels.onCpu(file);
             YoloxDetector detector = YoloxDetector.create(model, TestModels.settings(file, ModelType.YOLOX, 1), TestModels.metrics())) {
            int total = 0;
            for (Mat frame : frames) {
                List<Detection> service = detector.detect(List.of(frame)).get(0);
                List<Ref> reference = referenceDetections(model, frame);

                assertThat(service).hasSameSizeAs(reference);
                assertMatches(service, reference);
                total += service.size();
            }
            assertThat(total).as("detections compared").isGreaterThan(50);
        } finally {
            frames.forEach(Mat::close);
        }
    }

    private record Ref(double x1, double y1, double x2, double y2, double score, int cls) {
    }

    private static List<Ref> referenceDetections(OnnxModel model, Mat frame) throws Exception {
        long[] shape = model.inputShape();
        int size = (int) shape[2];
        double r = Math.min((double) size / frame.rows(), (double) size / frame.cols());
        float[] input = referenceInput(frame, size, r);
        float[][] rows;
        try (OnnxTensor tensor = OnnxTensor.createTensor(model.environment(), FloatBuffer.wrap(input),
                new long[] {1, 3, size, size});
             OrtSession.Result result = model.run(Map.of(model.inputName(), tensor))) {
            rows = ((float[][][]) result.get(0).getValue())[0];
        }
        return decode(rows, size, r, frame.cols(), frame.rows());
    }

    private static float[] referenceInput(Mat frame, int size, double r) {
        int w = (int) (frame.cols() * r);
        int h = (int) (frame.rows() * r);
        float[] chw = new float[3 * size * size];
        try (Mat resized = new Mat();
             Mat padded = new Mat(size, size, CV_8UC3, new Scalar(114, 114, 114, 0));
             Rect topLeft = new Rect(0, 0, w, h);
             Mat target = padded.apply(topLeft);
             Size newSize = new Size(w, h)) {
            resize(frame, resized, newSize, 0, 0, INTER_LINEAR);
            resized.copyTo(target);
            try (UByteIndexer pixels = padded.createIndexer()) {
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < size; y++) {
                        for (int x = 0; x < size; x++) {
                            chw[(c * size + y) * size + x] = pixels.get(y, x, c);
                        }
                    }
                }
            }
        }
        return chw;
    }

    private static List<Ref> decode(float[][] rows, int size, double r, int width, int height) {
        List<Ref> candidates = new ArrayList<>();
        int anchor = 0;
        for (int stride : STRIDES) {
            for (int gy = 0; gy < size / stride; gy++) {
                for (int gx = 0; gx < size / stride; gx++, anchor++) {
                    float[] p = rows[anchor];
                    int cls = 0;
                    for (int c = 1; c < p.length - 5; c++) {
                        if (p[5 + c] > p[5 + cls]) {
                            cls = c;
                        }
                    }
                    double score = (double) p[4] * p[5 + cls];
                    if (score < TestModels.SCORE_THRESHOLD) {
                        continue;
                    }
                    double cx = (p[0] + gx) * stride;
                    double cy = (p[1] + gy) * stride;
                    double bw = Math.exp(p[2]) * stride;
                    double bh = Math.exp(p[3]) * stride;
                    candidates.add(new Ref(cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2, score, cls));
                }
            }
        }
        assertThat(anchor).isEqualTo(rows.length);
        List<Ref> kept = new ArrayList<>();
        candidates.stream().mapToInt(Ref::cls).distinct().forEach(cls -> {
            List<Ref> ofClass = new ArrayList<>(candidates.stream().filter(c -> c.cls() == cls).toList());
            ofClass.sort(Comparator.comparingDouble(Ref::score).reversed());
            List<Ref> keptOfClass = new ArrayList<>();
            for (Ref c : ofClass) {
                if (keptOfClass.stream().allMatch(k -> iou(k, c) <= TestModels.NMS_THRESHOLD)) {
                    keptOfClass.add(c);
                }
            }
            kept.addAll(keptOfClass);
        });
        List<Ref> inFrame = new ArrayList<>();
        for (Ref k : kept) {
            Ref mapped = new Ref(clip(k.x1() / r, width), clip(k.y1() / r, height),
                    clip(k.x2() / r, width), clip(k.y2() / r, height), k.score(), k.cls());
            if (mapped.x2() > mapped.x1() && mapped.y2() > mapped.y1()) {
                inFrame.add(mapped);
            }
        }
        return inFrame;
    }

    private static void assertMatches(List<Detection> service, List<Ref> reference) {
        List<Ref> unmatched = new ArrayList<>(reference);
        for (Detection d : service) {
            Ref best = null;
            double bestIou = -1;
            for (Ref ref : unmatched) {
                double iou = iou(ref, new Ref(d.box().x1(), d.box().y1(), d.box().x2(), d.box().y2(), 0, d.classId()));
                if (ref.cls() == d.classId() && iou > bestIou) {
                    best = ref;
                    bestIou = iou;
                }
            }
            assertThat(best).as("a reference detection of class %d for %s", d.classId(), d).isNotNull();
            assertThat(bestIou).as("IoU with the reference for %s", d).isGreaterThanOrEqualTo(MIN_IOU);
            assertThat(Math.abs(best.score() - d.score())).as("score difference for %s", d)
                    .isLessThanOrEqualTo(MAX_SCORE_DIFFERENCE);
            unmatched.remove(best);
        }
    }

    private static double iou(Ref a, Ref b) {
        double iw = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
        double ih = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / ((a.x2() - a.x1()) * (a.y2() - a.y1()) + (b.x2() - b.x1()) * (b.y2() - b.y1()) - inter);
    }

    private static double clip(double v, int limit) {
        return Math.max(0, Math.min(v, limit));
    }
}
