package io.stride.e2e.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.annotation.draw.ResultPainter;
import io.stride.bytetrack.stage.ByteTrackProcessor;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.Keypoint;
import io.stride.core.frame.Pose;
import io.stride.core.frame.TrackedObject;
import io.stride.core.model.OnnxModel;
import io.stride.core.stage.StageMetrics;
import io.stride.core.topic.StageId;
import io.stride.rtmpose.inference.PoseEstimator;
import io.stride.rtmpose.pose.CropRegion;
import io.stride.yolox.inference.ObjectDetector;
import io.stride.yolox.inference.RtmdetDetector;
import io.stride.yolox.inference.YoloxDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The services' own processing classes, built from their settings the way the services' configurations build
 * them ({@code DetectorConfiguration}, {@code ByteTrackStageConfiguration}, {@code RtmposeConfiguration},
 * {@code AnnotationConfiguration}): one model session each, created once and reused for every frame.
 */
final class PipelineParts implements AutoCloseable {

    private final ServiceSettings settings;
    private final OnnxModel detectorModel;
    private final ObjectDetector detector;
    private final ByteTrackProcessor tracking;
    private final Optional<PoseEstimator> poseEstimator;
    private final ResultPainter painter;

    private PipelineParts(ServiceSettings settings, OnnxModel detectorModel, ObjectDetector detector,
                          Optional<PoseEstimator> poseEstimator) {
        this.settings = settings;
        this.detectorModel = detectorModel;
        this.detector = detector;
        this.tracking = new ByteTrackProcessor(settings.bytetrack());
        this.poseEstimator = poseEstimator;
        this.painter = new ResultPainter(settings.annotation().keypointScoreThreshold(),
                settings.annotation().trackedClasses());
    }

    /** @param metrics where the detector reports its preprocess, inference and postprocess phases */
    static PipelineParts create(ServiceSettings settings, StageMetrics metrics) {
        return create(settings, metrics, new StageMetrics(new SimpleMeterRegistry(), StageId.RTMPOSE.id()));
    }

    /**
     * @param detectorMetrics where the detector reports its phases
     * @param poseMetrics     where the pose estimator reports its phases, as the RTMPose service's does
     */
    static PipelineParts create(ServiceSettings settings, StageMetrics detectorMetrics, StageMetrics poseMetrics) {
        OnnxModel model = OnnxModel.load(settings.yolox().modelPath(), settings.inference());
        ObjectDetector detector;
        try {
            detector = switch (settings.yolox().modelType()) {
                case YOLOX -> YoloxDetector.create(model, settings.yolox(), detectorMetrics);
                case RTMDET -> RtmdetDetector.create(model, settings.yolox(), detectorMetrics);
            };
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        Optional<PoseEstimator> pose = Optional.empty();
        if (settings.rtmpose().enabled()) {
            OnnxModel poseModel = OnnxModel.load(settings.rtmpose().modelPath(), settings.inference());
            pose = Optional.of(new PoseEstimator(poseModel, settings.rtmpose().bboxPadding(),
                    settings.rtmpose().simccSplitRatio(), poseMetrics));
        }
        return new PipelineParts(settings, model, detector, pose);
    }

    OnnxModel detectorModel() {
        return detectorModel;
    }

    ObjectDetector detector() {
        return detector;
    }

    Optional<PoseEstimator> poseEstimator() {
        return poseEstimator;
    }

    ResultPainter painter() {
        return painter;
    }

    /** The frame with its detections, tracked by the ByteTrack stage's processor (one tracker per task id). */
    FrameRecord track(FrameRecord detected) {
        return tracking.process(List.of(detected)).get(0);
    }

    /** Forgets a task's tracker, as the stage does at end-of-stream. */
    void endTask(String taskId) {
        tracking.taskEnded(taskId);
    }

    /**
     * The frame with one pose per tracked person, chosen as the RTMPose stage chooses them, estimated on the
     * already decoded image; the frame unchanged when pose estimation is off.
     */
    FrameRecord estimatePoses(FrameRecord tracked, Mat image) throws Exception {
        if (poseEstimator.isEmpty()) {
            return tracked;
        }
        List<TrackedObject> persons = tracked.tracks().stream()
                .filter(track -> track.classId() == settings.rtmpose().personClassId())
                .filter(track -> CropRegion.canCrop(track.box()))
                .toList();
        if (persons.isEmpty()) {
            return tracked;
        }
        List<BoundingBox> boxes = persons.stream().map(TrackedObject::box).toList();
        List<List<Keypoint>> keypoints = poseEstimator.get().estimate(image, boxes);
        List<Pose> poses = new ArrayList<>(persons.size());
        for (int i = 0; i < persons.size(); i++) {
            poses.add(new Pose(persons.get(i).trackId(), keypoints.get(i)));
        }
        return tracked.withPoses(poses);
    }

    @Override
    public void close() {
        detector.close();
        detectorModel.close();
        poseEstimator.ifPresent(PoseEstimator::close);
    }
}
