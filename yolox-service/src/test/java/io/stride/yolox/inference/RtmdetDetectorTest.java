package io.stride.yolox.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.frame.Detection;
import io.stride.core.model.OnnxModel;
import io.stride.core.testing.SharedData;
import io.stride.yolox.TestModels;
import io.stride.yolox.VideoFrames;
import io.stride.yolox.YoloxProperties.ModelType;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The RTMDet-nano person detector of the RTMPose SDK, as the alternative detector. */
class RtmdetDetectorTest {

    private static final int PERSON = 0;
    private static final float CONFIDENT = 0.5f;
    private static final int MIN_CONFIDENT_PEOPLE = 3;
    private static final float SAME_PERSON_IOU = 0.5f;

    private static Path rtmdetFile;
    private static Path yoloxFile;
    private static OnnxModel rtmdet;
    private static List<Mat> frames;

    @BeforeAll
    static void load() throws Exception {
        rtmdetFile = SharedData.model("rtmdet-nano-person/end2end.onnx");
        yoloxFile = SharedData.model(SharedData.YOLOX_NANO);
        frames = VideoFrames.read(SharedData.video(SharedData.PEOPLE_WALKING), 0, 120, 240);
        rtmdet = TestModels.onCpu(rtmdetFile);
    }

    @AfterAll
    static void close() {
        if (rtmdet != null) {
            rtmdet.close();
        }
        if (frames != null) {
            frames.forEach(Mat::close);
        }
    }

    @Test
    void findsThePeopleYoloxFinds() throws Exception {
        List<List<Detection>> fromRtmdet;
        try (var detector = RtmdetDetector.create(rtmdet, TestModels.settings(rtmdetFile, ModelType.RTMDET, 1), TestModels.metrics())) {
            fromRtmdet = detector.detect(frames);
        }
        List<List<Detection>> fromYolox;
        try (OnnxModel yoloxModel = TestModels.onCpu(yoloxFile);
             var yolox = YoloxDetector.create(yoloxModel, TestModels.settings(yoloxFile, ModelType.YOLOX, 1), TestModels.metrics())) {
            fromYolox = yolox.detect(frames);
        }

        for (int f = 0; f < frames.size(); f++) {
            List<Detection> people = fromRtmdet.get(f).stream().filter(d -> d.score() >= CONFIDENT).toList();
            List<Detection> yoloxPeople = fromYolox.get(f).stream().filter(d -> d.classId() == PERSON).toList();
            assertThat(fromRtmdet.get(f)).allSatisfy(d -> assertThat(d.classId()).isEqualTo(PERSON));
            assertThat(people).hasSizeGreaterThanOrEqualTo(MIN_CONFIDENT_PEOPLE);
            assertThat(people).allSatisfy(p -> assertThat(yoloxPeople)
                    .anySatisfy(y -> assertThat(y.box().iou(p.box())).isGreaterThanOrEqualTo(SAME_PERSON_IOU)));
        }
    }

    @Test
    void runsOneFrameACallAsTheSdkDeclaresWhateverIsConfigured() throws Exception {
        try (var detector = RtmdetDetector.create(rtmdet, TestModels.settings(rtmdetFile, ModelType.RTMDET, 4), TestModels.metrics())) {
            assertThat(detector.batchSize()).isEqualTo(1);
            assertThat(detector.detect(frames)).hasSize(frames.size());
        }
    }
}
