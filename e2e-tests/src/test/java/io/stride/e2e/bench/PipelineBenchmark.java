package io.stride.e2e.bench;

import ai.onnxruntime.OrtEnvironment;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.stride.core.testing.SharedData;
import io.stride.e2e.ScriptArguments;
import io.stride.rtmpose.testing.ExactAnswerPoseModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avutil;
import org.slf4j.LoggerFactory;

/**
 * Issue 4's benchmark, one command ({@code scripts/bench_pipeline.sh}): on one clip, in one run, the cost of
 * every step of every stage in process, JPEG and Kafka transport costs, the plain in-process loop (the baseline),
 * the real fleet end to end, and their ratio; then where the fleet's time went. A harness, not a test: surefire
 * does not run it (its name does not end in Test).
 *
 * <p>Runs with {@code e2e-tests} as the working directory, after the services' executable jars are built.
 */
public final class PipelineBenchmark {

    private static final int EXIT_USAGE = 2;
    private static final int EXIT_FAILED = 1;
    /** RTMPose-m's body model input, width by height, which the exact-answer stand-in gets. */
    private static final int RTMPOSE_M_WIDTH = 192;
    private static final int RTMPOSE_M_HEIGHT = 256;

    private PipelineBenchmark() {
    }

    public static void main(String[] args) {
        if (ScriptArguments.asksForHelp(args)) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        }
        quietLibraryLogs();
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchmarkOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        try {
            BenchmarkResults results = run(options);
            String report = PerformanceReport.render(results);
            System.out.println();
            System.out.print(report);
            if (options.report().isPresent()) {
                // With pose on, the run has its own section: the pose-off tables issue 15's budgets are set
                // against stay as their run left them.
                if (options.poseEnabled()) {
                    PerformanceReport.write(options.report().get(), PerformanceReport.renderPoseOn(results),
                            PerformanceReport.POSE_ON);
                } else {
                    PerformanceReport.write(options.report().get(), report, PerformanceReport.POSE_OFF);
                }
                say("Tables written to " + options.report().get());
            }
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(EXIT_FAILED);
        }
    }

    static BenchmarkResults run(BenchmarkOptions options) throws Exception {
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String loadBefore = MachineInfo.loadAverage();
        Path scratch = Files.createTempDirectory("stride-bench");
        try {
            Path yoloxModel = SharedData.dir().resolve("models").resolve(SharedData.YOLOX_NANO);
            Map<String, String> overrides = new LinkedHashMap<>();
            overrides.put(ServiceSettings.YOLOX_MODEL, yoloxModel.toString());
            overrides.put(ServiceSettings.POSE_ENABLED, String.valueOf(options.poseEnabled()));
            poseModel(options, scratch).ifPresent(model ->
                    overrides.put(ServiceSettings.POSE_MODEL, model.toString()));
            overrides.putAll(options.overrides());
            ServiceSettings settings = ServiceSettings.bind(overrides);
            if (!Files.isRegularFile(settings.yolox().modelPath())) {
                throw new IllegalArgumentException("no detector model at " + settings.yolox().modelPath());
            }
            if (!options.poseEnabled()) {
                say("No RTMPose model given: pose estimation is off in the baseline and in the fleet.");
            }

            say("Decoding " + options.clip().getFileName() + " and encoding its frames as JPEG…");
            ClipFrames clip = ClipFrames.read(options.clip(), options.frames(), settings.backend().jpegQuality(),
                    options.warmupFrames());
            if (clip.count() <= options.warmupFrames()) {
                throw new IllegalArgumentException("the clip has " + clip.count() + " frames, not more than the "
                        + options.warmupFrames() + " warm-up frames");
            }
            Path timedClip = clip.wholeClip() ? options.clip()
                    : ClipCut.firstFrames(options.clip(), clip.count(), scratch.resolve("clip.mp4"));

            say("Timing each stage's steps in process on " + clip.count() + " frames…");
            StageCosts stages = StageCosts.measure(clip, settings, options.warmupFrames(), scratch);
            say("Timing Kafka transport…");
            KafkaTransport kafka = KafkaTransport.measure(clip, settings, options.warmupFrames());

            say("Starting the fleet…");
            List<BaselineLoop> baselines = new ArrayList<>();
            FleetRun fleet;
            try (FleetHandle handle = FleetHandle.startOnBrokerProcess(scratch.resolve("fleet"), settings.yolox().modelPath(),
                    settings.rtmpose().modelPath(), settings.fleetArguments())) {
                FleetRun.Recorder recorder = new FleetRun.Recorder(handle);
                say("Fleet up; warming it with " + options.fleetWarmup() + " tasks of the clip…");
                recorder.warmUp(timedClip, options.fleetWarmup());
                for (int round = 1; round <= options.rounds(); round++) {
                    // The baseline and the fleet task of a round are seconds apart, so a change in the shared
                    // machine's load between rounds moves both alike.
                    handle.pause();
                    try {
                        baselines.add(BaselineLoop.run(timedClip, settings,
                                scratch.resolve("baseline-" + round + ".mp4")));
                    } finally {
                        handle.resume();
                    }
                    recorder.timeTask(timedClip);
                    say(String.format(Locale.ROOT, "Round %d: baseline %.1f fps, fleet %.1f fps", round,
                            baselines.get(round - 1).fps(), recorder.lastFps()));
                }
                fleet = recorder.finish();
            }
            for (BaselineLoop baseline : baselines) {
                if (baseline.frames() != fleet.frames()) {
                    throw new IllegalStateException("the baseline processed " + baseline.frames()
                            + " frames and the fleet " + fleet.frames());
                }
            }

            Optional<YoloxStartup> startup = Optional.empty();
            if (options.startupRuns() > 0) {
                say("Timing yolox-service start-up, " + options.startupRuns() + " × 2 runs…");
                startup = Optional.of(YoloxStartup.measure(options.startupRuns(), settings.yolox().modelPath(),
                        scratch));
            }
            return new BenchmarkResults(options, settings, MachineInfo.describe(), date, loadBefore,
                    MachineInfo.loadAverage(), OrtEnvironment.getEnvironment().getVersion(), clip, stages, kafka,
                    baselines, fleet, startup);
        } finally {
            deleteRecursively(scratch);
        }
    }

    /** The model pose estimation runs with: the one named, the exact-answer stand-in written to scratch, or none. */
    private static Optional<Path> poseModel(BenchmarkOptions options, Path scratch) throws IOException {
        if (options.exactAnswerPose()) {
            say("Pose estimation with the exact-answer stand-in for RTMPose-m (input " + RTMPOSE_M_WIDTH + "x"
                    + RTMPOSE_M_HEIGHT + "): the stage's own work is real, the model's is not.");
            return Optional.of(ExactAnswerPoseModel.write(scratch.resolve("exact-answer-pose.onnx"), RTMPOSE_M_WIDTH,
                    RTMPOSE_M_HEIGHT));
        }
        return options.poseModel();
    }

    /**
     * FFmpeg prints every stream it opens and x264 its statistics at every close, and JavaCPP its notes: dozens of
     * lines per measurement that would bury the tables. Errors still show.
     */
    private static void quietLibraryLogs() {
        System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        ((Logger) LoggerFactory.getLogger("org.bytedeco")).setLevel(Level.WARN);
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private static void say(String message) {
        System.out.println("[bench] " + message);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
