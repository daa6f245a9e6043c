package io.stride.rtmpose.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.Keypoint;
import io.stride.core.frame.Pose;
import io.stride.core.frame.StageOptions;
import io.stride.core.frame.TrackedObject;
import io.stride.core.image.JpegCodec;
import io.stride.core.model.InferenceProperties;
import io.stride.core.model.OnnxModel;
import io.stride.rtmpose.inference.PoseEstimator;
import io.stride.rtmpose.testing.DotFrame;
import io.stride.rtmpose.testing.ExactAnswerPoseModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage over real JPEG frames and ONNX Runtime with {@link ExactAnswerPoseModel}. */
class RtmposeProcessorTest {

    private static final String TASK = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int PERSON = 0;
    private static final int CAR = 2;
    private static final int JPEG_QUALITY = 95;
    /** JPEG blurs a blob's edges; its brightest pixel stays within a pixel or two of the centre. */
    private static final float JPEG_TOLERANCE = 2f;
    private static final byte[] NOT_A_JPEG = {1, 2, 3};

    @TempDir
    static Path models;

    private static PoseEstimator estimator;
    private static byte[] twoBlobs;

    @BeforeAll
    static void setUp() throws IOException {
        Path model = ExactAnswerPoseModel.write(models.resolve("pose.onnx"), 192, 256);
        estimator = new PoseEstimator(OnnxModel.load(model, new InferenceProperties(InferenceProperties.Device.CPU, 1, 1, 0)),
                1.25, 2.0);
        try (DotFrame frame = new DotFrame(WIDTH, HEIGHT).square(100, 120, 2).square(400, 200, 2)) {
            twoBlobs = JpegCodec.encode(frame.image(), JPEG_QUALITY);
        }
    }

    @AfterAll
    static void tearDown() {
        estimator.close();
    }

    @Test
    void eachTrackedPersonGetsAPoseInFramePixelsKeyedByItsTrackId() throws Exception {
        FrameRecord record = frame(7, twoBlobs,
                new TrackedObject(12, new BoundingBox(60, 60, 140, 180), 0.9f, PERSON),
                new TrackedObject(3, new BoundingBox(300, 100, 330, 150), 0.8f, CAR),
                new TrackedObject(5, new BoundingBox(350, 120, 450, 300), 0.7f, PERSON));

        FrameRecord out = onlyRecord(processor().process(List.of(record)));

        assertThat(out.poses()).extracting(Pose::trackId).containsExactly(12, 5);
        assertPoseAt(out.poses().get(0), 100, 120);
        assertPoseAt(out.poses().get(1), 400, 200);
        assertThat(out.jpeg()).isSameAs(record.jpeg());
        assertThat(out.tracks()).isEqualTo(record.tracks());
        assertThat(out.detections()).isEqualTo(record.detections());
        assertThat(out.frameIndex()).isEqualTo(7);
    }

    @Test
    void framesWithoutPersonsAreForwardedWithoutDecodingTheirImage() throws Exception {
        FrameRecord noTracks = frame(0, NOT_A_JPEG);
        FrameRecord onlyCars = frame(1, NOT_A_JPEG, new TrackedObject(4, new BoundingBox(1, 1, 50, 50), 0.9f, CAR));

        List<FrameRecord> out = processor().process(List.of(noTracks, onlyCars));

        assertThat(out).containsExactly(noTracks, onlyCars);
    }

    @Test
    void personsWhoseBoxCannotBeCroppedGetNoPose() throws Exception {
        FrameRecord record = frame(0, NOT_A_JPEG,
                new TrackedObject(1, new BoundingBox(50, 50, 50, 120), 0.9f, PERSON),
                new TrackedObject(2, new BoundingBox(50, 80, 90, 60), 0.9f, PERSON),
                new TrackedObject(3, new BoundingBox(50, 80, Float.POSITIVE_INFINITY, 160), 0.9f, PERSON));

        assertThat(onlyRecord(processor().process(List.of(record))).poses()).isEmpty();
    }

    @Test
    void undecodableImageOfAFrameWithPersonsFailsTheBatch() {
        FrameRecord record = frame(0, NOT_A_JPEG, new TrackedObject(1, new BoundingBox(5, 5, 50, 90), 0.9f, PERSON));

        assertThatThrownBy(() -> processor().process(List.of(record)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a decodable JPEG");
    }

    @Test
    void endOfStreamIsForwardedAsItIsAfterTheFrames() throws Exception {
        FrameRecord first = frame(0, twoBlobs, new TrackedObject(9, new BoundingBox(60, 60, 140, 180), 0.9f, PERSON));
        FrameRecord second = frame(1, NOT_A_JPEG);
        FrameRecord end = FrameRecord.endOfStream(TASK, 2, 25, WIDTH, HEIGHT);

        List<FrameRecord> out = processor().process(List.of(first, second, end));

        assertThat(out).hasSize(3);
        assertThat(out.get(0).poses()).extracting(Pose::trackId).containsExactly(9);
        assertThat(out.get(1)).isSameAs(second);
        assertThat(out.get(2)).isSameAs(end);
    }

    @Test
    void disabledStageForwardsRecordsWithNoPoses() throws Exception {
        var disabled = new RtmposeProcessor(Optional.empty(), PERSON);
        FrameRecord record = frame(0, NOT_A_JPEG, new TrackedObject(1, new BoundingBox(5, 5, 50, 90), 0.9f, PERSON));
        FrameRecord posed = record.withPoses(List.of(new Pose(1, List.of(new Keypoint(1, 2, 0.5f)))));

        assertThat(disabled.process(List.of(record))).containsExactly(record);
        assertThat(onlyRecord(disabled.process(List.of(posed))).poses()).isEmpty();
    }

    @Test
    void aTaskWithPosesOffGetsNoPoseAndItsImageIsNotDecoded() throws Exception {
        FrameRecord record = frame(0, NOT_A_JPEG, new TrackedObject(1, new BoundingBox(5, 5, 50, 90), 0.9f, PERSON))
                .withOptions(new StageOptions(Set.of(), 0f, false));

        assertThat(processor().process(List.of(record))).containsExactly(record);
    }

    @Test
    void onlyAnEnabledStageHasFrameImagesFetched() {
        assertThat(processor().needsImages(StageOptions.DEFAULT)).isTrue();
        assertThat(processor().needsImages(new StageOptions(Set.of(), 0f, false))).as("a task with poses off").isFalse();
        assertThat(new RtmposeProcessor(Optional.empty(), PERSON).needsImages(StageOptions.DEFAULT)).isFalse();
    }

    private static RtmposeProcessor processor() {
        return new RtmposeProcessor(Optional.of(estimator), PERSON);
    }

    private static FrameRecord frame(long index, byte[] jpeg, TrackedObject... tracks) {
        List<Detection> detections = List.of(tracks).stream()
                .map(track -> new Detection(track.box(), track.score(), track.classId()))
                .toList();
        return FrameRecord.frame(TASK, index, index * 40_000, 25, WIDTH, HEIGHT, jpeg)
                .withDetections(detections)
                .withTracks(List.of(tracks));
    }

    private static FrameRecord onlyRecord(List<FrameRecord> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static void assertPoseAt(Pose pose, float x, float y) {
        assertThat(pose.keypoints()).hasSize(ExactAnswerPoseModel.KEYPOINTS);
        for (Keypoint keypoint : pose.keypoints()) {
            assertThat(keypoint.x()).isCloseTo(x, within(JPEG_TOLERANCE));
            assertThat(keypoint.y()).isCloseTo(y, within(JPEG_TOLERANCE));
            assertThat(keypoint.score()).isPositive();
        }
    }
}
