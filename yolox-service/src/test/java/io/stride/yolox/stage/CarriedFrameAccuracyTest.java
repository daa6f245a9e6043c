package io.stride.yolox.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.image.JpegCodec;
import io.stride.core.model.OnnxModel;
import io.stride.core.testing.SharedData;
import io.stride.yolox.TestModels;
import io.stride.yolox.VideoFrames;
import io.stride.yolox.YoloxProperties.ModelType;
import io.stride.yolox.inference.YoloxDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * What the pipeline's JPEG costs YOLOX: on real frames of three clips, the detections the service makes from the
 * frame as it travels (a JPEG at the pipeline's default quality, decoded at the reduced size the stage uses) against
 * the detections on the decoded frame itself, which is what the official demo feeds the model. Every confident
 * detection of either side must have its counterpart (same class, IoU of at least {@link #MATCHED}: nothing lost,
 * nothing made up), and the boxes must agree as closely as at quality 90, the default before: mean IoU 0.968,
 * 5th percentile 0.918 on these frames, most of it the reduced decode's doing (quality 95 gives the same).
 *
 * <p>{@code -Dstride.jpeg.qualities=95,90,80,75,70} prints the same figures for other qualities: how the
 * default was chosen (docs/performance.md).
 */
class CarriedFrameAccuracyTest {

    private static final String TASK = "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static final int[] FRAMES = {0, 60, 120, 180, 240, 300};
    private static final List<String> CLIPS = List.of(SharedData.PEOPLE_WALKING, "dance_1280x720_23s.mp4",
            "pedestrians-topdown_1280x720_14s.mp4");
    private static final float CONFIDENT = 0.5f;
    private static final float MATCHED = 0.5f;
    private static final double MIN_MEAN_IOU = 0.966;
    private static final float MIN_FIFTH_PERCENTILE_IOU = 0.9f;

    @Test
    void theCarriedFrameGivesTheDetectionsOfTheDecodedFrame() throws Exception {
        Path file = SharedData.model(SharedData.YOLOX_NANO);
        List<Mat> frames = new ArrayList<>();
        for (String clip : CLIPS) {
            frames.addAll(VideoFrames.read(SharedData.video(clip), FRAMES));
        }
        try (OnnxModel model = TestModels.onCpu(file);
             YoloxDetector detector = YoloxDetector.create(model, TestModels.settings(file, ModelType.YOLOX, 1),
                     TestModels.metrics())) {
            List<List<Detection>> reference = new ArrayList<>();
            for (Mat frame : frames) {
                reference.add(detector.detect(List.of(frame)).get(0));
            }
            String swept = System.getProperty("stride.jpeg.qualities", "");
            for (String quality : swept.isBlank() ? new String[0] : swept.split(",")) {
                Agreement agreement = agreement(detector, frames, reference, Integer.parseInt(quality.trim()));
                System.out.println("[quality " + quality.trim() + "] " + agreement);
            }

            Agreement atDefault = agreement(detector, frames, reference, JpegCodec.DEFAULT_FRAME_QUALITY);

            assertThat(atDefault.ious()).as("confident detections compared").hasSizeGreaterThan(400);
            assertThat(atDefault.lowest()).as(atDefault.toString()).isGreaterThanOrEqualTo(MATCHED);
            assertThat(atDefault.mean()).as(atDefault.toString()).isGreaterThanOrEqualTo(MIN_MEAN_IOU);
            assertThat(atDefault.fifthPercentile()).as(atDefault.toString()).isGreaterThanOrEqualTo(MIN_FIFTH_PERCENTILE_IOU);
        } finally {
            frames.forEach(Mat::close);
        }
    }

    /**
     * For each confident detection on either side, the IoU of its closest counterpart of the same class on the
     * other: a detection lost and a detection made up both show as a low IoU.
     */
    private static Agreement agreement(YoloxDetector detector, List<Mat> frames, List<List<Detection>> reference,
                                       int quality) throws Exception {
        List<FrameRecord> records = new ArrayList<>();
        int bytes = 0;
        for (Mat frame : frames) {
            byte[] jpeg = JpegCodec.encode(frame, quality);
            bytes += jpeg.length;
            records.add(FrameRecord.frame(TASK, records.size(), 0, 29.97, frame.cols(), frame.rows(), jpeg));
        }
        List<FrameRecord> carried = new YoloxProcessor(detector, TestModels.metrics(), true).process(records);
        List<Float> ious = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            ious.addAll(bestIous(reference.get(i), carried.get(i).detections()));
            ious.addAll(bestIous(carried.get(i).detections(), reference.get(i)));
        }
        return new Agreement(quality, bytes / frames.size() / 1024, ious);
    }

    private static List<Float> bestIous(List<Detection> from, List<Detection> to) {
        return from.stream().filter(d -> d.score() >= CONFIDENT)
                .map(d -> (float) to.stream().filter(other -> other.classId() == d.classId())
                        .mapToDouble(other -> other.box().iou(d.box())).max().orElse(0))
                .toList();
    }

    private record Agreement(int quality, int meanKib, List<Float> ious) {

        float lowest() {
            return ious.stream().min(Float::compare).orElse(0f);
        }

        double mean() {
            return ious.stream().mapToDouble(Float::doubleValue).average().orElse(0);
        }

        float fifthPercentile() {
            List<Float> sorted = ious.stream().sorted().toList();
            return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 20);
        }

        @Override
        public String toString() {
            return String.format("quality %d, %d KiB a frame: %d confident detections, IoU mean %.4f,"
                    + " 5th percentile %.3f, lowest %.3f", quality, meanKib, ious.size(), mean(), fifthPercentile(),
                    lowest());
        }
    }
}
