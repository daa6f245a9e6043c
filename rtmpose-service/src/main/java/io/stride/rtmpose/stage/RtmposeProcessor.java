package io.stride.rtmpose.stage;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.core.topic.StageId;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.StageOptions;
import io.stride.core.frame.Keypoint;
import io.stride.core.frame.Pose;
import io.stride.core.frame.TrackedObject;
import io.stride.core.image.JpegCodec;
import io.stride.core.stage.StageMetrics;
import io.stride.core.stage.StageProcessor;
import io.stride.rtmpose.inference.PoseEstimator;
import io.stride.rtmpose.pose.CropRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The RTMPose stage: adds one {@link Pose} per tracked person of each frame, keyed by the track's id, and forwards
 * everything else untouched. The JPEG is decoded only for frames with persons. A track whose box cannot be cropped
 * (no area, or coordinates that are not finite) gets no pose. Without an estimator (pose estimation disabled), and
 * for a task whose options turn poses off, records pass through with no poses.
 */
public final class RtmposeProcessor implements StageProcessor {

    private final Optional<PoseEstimator> estimator;
    private final int personClassId;
    private final StageMetrics metrics;

    /**
     * @param estimator     empty when pose estimation is disabled
     * @param personClassId the tracks' class id of persons (0 in COCO)
     */
    public RtmposeProcessor(Optional<PoseEstimator> estimator, int personClassId) {
        this(estimator, personClassId, new StageMetrics(new SimpleMeterRegistry(), StageId.RTMPOSE.id()));
    }

    /**
     * @param metrics where the JPEG decode time and the inference batch sizes are recorded; the estimator times
     *                its own phases
     */
    public RtmposeProcessor(Optional<PoseEstimator> estimator, int personClassId, StageMetrics metrics) {
        this.estimator = estimator;
        this.personClassId = personClassId;
        this.metrics = metrics;
    }

    /** With pose estimation off, for the service or the task, records only pass through: no image is fetched. */
    @Override
    public boolean needsImages(StageOptions options) {
        return estimator.isPresent() && options.pose();
    }

    @Override
    public List<FrameRecord> process(List<FrameRecord> records) throws Exception {
        List<FrameRecord> out = new ArrayList<>(records.size());
        for (FrameRecord record : records) {
            out.add(withPoses(record));
        }
        return out;
    }

    private FrameRecord withPoses(FrameRecord record) throws Exception {
        if (record.isEndOfStream()) {
            return record;
        }
        List<TrackedObject> persons = needsImages(record.options()) ? persons(record) : List.of();
        if (persons.isEmpty()) {
            return record.poses().isEmpty() ? record : record.withPoses(List.of());
        }
        List<BoundingBox> boxes = persons.stream().map(TrackedObject::box).toList();
        List<List<Keypoint>> keypoints;
        try (Mat frame = metrics.time("decode", () -> JpegCodec.decode(record.jpeg()))) {
            metrics.inferenceBatch(boxes.size());
            keypoints = estimator.get().estimate(frame, boxes);
        }
        List<Pose> poses = new ArrayList<>(persons.size());
        for (int i = 0; i < persons.size(); i++) {
            poses.add(new Pose(persons.get(i).trackId(), keypoints.get(i)));
        }
        return record.withPoses(poses);
    }

    private List<TrackedObject> persons(FrameRecord record) {
        return record.tracks().stream()
                .filter(track -> track.classId() == personClassId)
                .filter(track -> CropRegion.canCrop(track.box()))
                .toList();
    }
}
