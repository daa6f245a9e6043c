package io.stride.e2e.bench;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.annotation.output.FrameResultsJson;
import io.stride.annotation.output.H264Mp4Writer;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.image.JpegCodec;
import io.stride.yolox.stage.YoloxProcessor;
import io.stride.core.model.OnnxModel;
import io.stride.core.stage.StageMetrics;
import io.stride.core.topic.StageId;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * What each stage does to one frame, step by step, measured alone in this JVM on the clip's JPEG frames with the
 * services' own classes and settings. YOLOX's preprocess / inference / postprocess split is read from the
 * {@link StageMetrics} its detector reports to, the same timers the service exports.
 *
 * @param jpegDecode    one full-size JPEG decode (done by rtmpose for frames with persons, and by annotation; the
 *                      detector's own, reduced decode is its {@code decode} phase)
 * @param yoloxPhases   milliseconds per frame of the detector's phases, in the order it runs them
 * @param bytetrack     the ByteTrack stage's processor on one frame
 * @param pose          RTMPose on a frame's tracked persons, crop to keypoints (the frame's JPEG decode apart), with
 *                      the estimator's phases and the persons posed, all in the thread's CPU time, which unlike
 *                      wall time does not grow with the shared machine's load; empty when pose estimation is off
 * @param draw          drawing one frame's results
 * @param resultsJson   one frame's JSON Lines record
 * @param h264Encode    one frame into the libx264 MP4
 * @param provider      where ONNX Runtime ran the detector
 * @param detectorBatch frames per inference call the detector makes: the configured batch size where the model's
 *                      batch dimension is dynamic, 1 otherwise
 * @param detections    mean detections per frame
 * @param tracks        mean tracked objects per frame
 */
record StageCosts(FrameTimer jpegDecode, Map<String, Double> yoloxPhases, FrameTimer bytetrack,
                  Optional<PoseCost> pose, FrameTimer draw, FrameTimer resultsJson, FrameTimer h264Encode,
                  OnnxModel.ExecutionProvider provider, int detectorBatch, double detections, double tracks) {

    static final List<String> DETECTOR_PHASES = List.of("decode", "preprocess", "inference", "postprocess");
    /** The pose estimator's own phases; the stage's JPEG decode is measured apart here. */
    static final List<String> POSE_PHASES = List.of(PoseCost.PREPROCESS, PoseCost.INFERENCE, PoseCost.POSTPROCESS);
    private static final String PHASE_TIMER = "stride.stage.phase.seconds";
    private static final String STAGE = "yolox";
    private static final String POSE_STAGE = StageId.RTMPOSE.id();
    private static final double MILLIS_PER_SECOND = 1e3;

    static StageCosts measure(ClipFrames clip, ServiceSettings settings, int warmupFrames, Path scratch)
            throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FrameTimer decode = new FrameTimer(warmupFrames);
        FrameTimer track = new FrameTimer(warmupFrames);
        FrameTimer pose = new FrameTimer(warmupFrames, ThreadCpuClock::nanos);
        SimpleMeterRegistry poseRegistry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, new ThreadCpuClock());
        FrameTimer draw = new FrameTimer(warmupFrames);
        FrameTimer json = new FrameTimer(warmupFrames);
        FrameTimer encode = new FrameTimer(warmupFrames);
        Map<String, Double> phasesAtWarmup = new LinkedHashMap<>();
        Map<String, Double> posePhasesAtWarmup = new LinkedHashMap<>();
        long persons = 0;
        String taskId = UUID.randomUUID().toString();
        long detections = 0;
        long tracks = 0;
        StageMetrics metrics = new StageMetrics(registry, STAGE);
        try (PipelineParts parts = PipelineParts.create(settings, metrics,
                new StageMetrics(poseRegistry, POSE_STAGE));
             H264Mp4Writer writer = H264Mp4Writer.open(scratch.resolve("stage-costs.mp4"), clip.width(),
                     clip.height(), clip.fps(), settings.annotation().encoder())) {
            List<byte[]> jpegs = clip.jpegs();
            YoloxProcessor yolox = new YoloxProcessor(parts.detector(), metrics, settings.yolox().reducedDecode());
            for (int i = 0; i < jpegs.size(); i++) {
                if (i == warmupFrames) {
                    DETECTOR_PHASES.forEach(phase -> phasesAtWarmup.put(phase, phaseMillis(registry, STAGE, phase)));
                    POSE_PHASES.forEach(phase ->
                            posePhasesAtWarmup.put(phase, phaseMillis(poseRegistry, POSE_STAGE, phase)));
                }
                byte[] jpeg = jpegs.get(i);
                FrameRecord frame = yolox.process(List.of(FrameRecord.frame(taskId, i,
                        Math.round(i * 1e6 / clip.fps()), clip.fps(), clip.width(), clip.height(), jpeg))).get(0);
                List<Detection> found = frame.detections();
                try (Mat image = decode.time(() -> JpegCodec.decode(jpeg))) {
                    FrameRecord tracked = track.time(() -> parts.track(frame));
                    FrameRecord complete = parts.poseEstimator().isPresent()
                            ? pose.time(() -> parts.estimatePoses(tracked, image)) : tracked;
                    draw.time(() -> {
                        parts.painter().paint(image, complete);
                        return null;
                    });
                    json.time(() -> FrameResultsJson.line(complete));
                    encode.time(() -> {
                        writer.write(image);
                        return null;
                    });
                    if (i >= warmupFrames) {
                        detections += found.size();
                        tracks += complete.tracks().size();
                        persons += complete.poses().size();
                    }
                }
            }
            writer.finish();
            parts.endTask(taskId);
            int measured = decode.frames();
            Map<String, Double> phases = new LinkedHashMap<>();
            DETECTOR_PHASES.forEach(phase -> phases.put(phase,
                    (phaseMillis(registry, STAGE, phase) - phasesAtWarmup.getOrDefault(phase, 0.0)) / measured));
            Optional<PoseCost> poseCost = Optional.empty();
            if (parts.poseEstimator().isPresent()) {
                Map<String, Double> poseSeconds = new LinkedHashMap<>();
                POSE_PHASES.forEach(phase -> poseSeconds.put(phase, (phaseMillis(poseRegistry, POSE_STAGE, phase)
                        - posePhasesAtWarmup.getOrDefault(phase, 0.0)) / MILLIS_PER_SECOND));
                poseCost = Optional.of(new PoseCost(pose.frames(), persons,
                        pose.millisPerFrame() * pose.frames() / MILLIS_PER_SECOND, poseSeconds));
            }
            return new StageCosts(decode, phases, track, poseCost, draw, json, encode,
                    parts.detectorModel().provider(), parts.detector().batchSize(), (double) detections / measured,
                    (double) tracks / measured);
        }
    }

    /** Total milliseconds recorded so far for one phase of a stage. */
    private static double phaseMillis(SimpleMeterRegistry registry, String stage, String phase) {
        Timer timer = registry.find(PHASE_TIMER).tags("stage", stage, "phase", phase).timer();
        return timer == null ? 0 : timer.totalTime(TimeUnit.MILLISECONDS);
    }

    /** The detector's three phases together, milliseconds per frame. */
    double detectorMillis() {
        return yoloxPhases.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
