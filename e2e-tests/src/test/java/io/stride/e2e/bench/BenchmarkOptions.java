package io.stride.e2e.bench;

import io.stride.core.testing.SharedData;
import io.stride.e2e.ScriptArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one benchmark run measures.
 *
 * @param clip          the video; default {@code videos/people-walking_1280x720_10s.mp4} of the shared data
 * @param frames        frames of the clip to use, from the start; default all of them
 * @param warmupFrames  frames of each in-process measurement that are not counted; default 10
 * @param fleetWarmup   untimed tasks of the clip the fleet runs before it is measured; default 20: the six JVMs'
 *                      JIT compilers take that long to settle (docs/performance.md: after 8 tasks they still
 *                      took 5 ms of CPU a frame together, after 20 under 2), while the baseline's one JVM is
 *                      settled after the in-process measurements
 * @param rounds        measurements of the ratio: each round runs the baseline, then one fleet task; default 3
 * @param poseModel     an RTMPose ONNX file; without one (and without {@code exactAnswerPose}), pose estimation is
 *                      off in the baseline and the fleet
 * @param exactAnswerPose whether to run pose estimation with the tests' exact-answer stand-in for RTMPose-m
 *                      ({@code --pose-model exact}): the real stage's data path and per-person work, with a model
 *                      that costs next to nothing, so that a real model's cost can be added from its latency
 * @param startupRuns   yolox-service start-ups timed with and without pre-extracted ONNX Runtime natives; default
 *                      3 of each, 0 to skip
 * @param report        a Markdown file whose generated section is replaced by this run's tables; none by default
 * @param command       the command line that ran the benchmark, quoted in the report
 * @param overrides     service properties set for the in-process measurements and the fleet alike
 *                      ({@code --set key=value}), on top of the services' defaults
 */
record BenchmarkOptions(Path clip, int frames, int warmupFrames, int fleetWarmup, int rounds, Optional<Path> poseModel,
                        boolean exactAnswerPose, int startupRuns, Optional<Path> report, String command, Map<String, String> overrides) {

    static final String USAGE = """
            usage: bench_pipeline.sh [clip] [--frames N] [--warmup N] [--fleet-warmup N] [--rounds N]
                                     [--pose-model FILE|exact] [--startup-runs N] [--set property=value]...
                                     [--report FILE]
              clip               video to measure on (default: $STRIDE_SHARED_DIR/videos/%s)
              --frames N         use only the first N frames of the clip (default: all)
              --warmup N         uncounted frames at the start of each in-process measurement (default: %d)
              --fleet-warmup N   untimed tasks of the clip through the fleet before it is measured (default: %d)
              --rounds N         baseline run + fleet task pairs, each giving one fleet / baseline ratio (default: %d)
              --pose-model FILE  an RTMPose ONNX; without it pose estimation is off in the baseline and the fleet.
                                 With pose on, the tables go into their own generated section of the report.
              --pose-model exact the tests' exact-answer model with RTMPose-m's interface (256x192 input, SimCC
                                 outputs) in place of the weights: the stage's real work, a model that costs next
                                 to nothing; prints the pose cost per frame and per person, model apart
              --startup-runs N   time yolox-service start-up N times with and without pre-extracted ONNX Runtime
                                 natives (default: %d; 0 skips it)
              --set key=value    a service property for every measurement, e.g. stride.inference.intra-op-threads=2
              --report FILE      write the tables into FILE (between its generated-section markers)
            """.formatted(SharedData.PEOPLE_WALKING, BenchmarkOptions.DEFAULT_WARMUP,
                    BenchmarkOptions.DEFAULT_FLEET_WARMUP, BenchmarkOptions.DEFAULT_ROUNDS,
                    BenchmarkOptions.DEFAULT_STARTUP_RUNS);

    private static final int DEFAULT_WARMUP = 10;
    private static final int DEFAULT_FLEET_WARMUP = 20;
    private static final int DEFAULT_ROUNDS = 3;
    private static final int DEFAULT_STARTUP_RUNS = 3;
    private static final int ALL_FRAMES = Integer.MAX_VALUE;
    /** The {@code --pose-model} value that asks for the exact-answer stand-in instead of a file. */
    static final String EXACT_ANSWER_POSE = "exact";

    static BenchmarkOptions parse(String[] args) {
        Path clip = SharedData.dir().resolve("videos").resolve(SharedData.PEOPLE_WALKING);
        int frames = ALL_FRAMES;
        int warmup = DEFAULT_WARMUP;
        int fleetWarmup = DEFAULT_FLEET_WARMUP;
        int rounds = DEFAULT_ROUNDS;
        Path poseModel = null;
        boolean exactAnswerPose = false;
        int startupRuns = DEFAULT_STARTUP_RUNS;
        Path report = null;
        String command = "bench_pipeline.sh " + String.join(" ", args);
        Map<String, String> overrides = new LinkedHashMap<>();
        var arguments = new ScriptArguments(args);
        while (arguments.hasNext()) {
            String arg = arguments.next();
            switch (arg) {
                case "--frames" -> frames = arguments.positiveInt(arg);
                case "--warmup" -> warmup = arguments.nonNegativeInt(arg);
                case "--fleet-warmup" -> fleetWarmup = arguments.nonNegativeInt(arg);
                case "--rounds" -> rounds = arguments.positiveInt(arg);
                case "--pose-model" -> {
                    String model = arguments.value(arg);
                    exactAnswerPose = model.equals(EXACT_ANSWER_POSE);
                    poseModel = exactAnswerPose ? null : existing(model);
                }
                case "--startup-runs" -> startupRuns = arguments.nonNegativeInt(arg);
                case "--report" -> report = ScriptArguments.fromCaller(arguments.value(arg));
                case "--command" -> command = arguments.value(arg);
                case "--set" -> arguments.setting(arg, overrides);
                default -> {
                    if (arg.startsWith("-")) {
                        throw ScriptArguments.unknownOption(arg);
                    }
                    clip = existing(arg);
                }
            }
        }
        if (!Files.isRegularFile(clip)) {
            throw new IllegalArgumentException("no clip at " + clip + " (set STRIDE_SHARED_DIR or name a video)");
        }
        return new BenchmarkOptions(clip, frames, warmup, fleetWarmup, rounds, Optional.ofNullable(poseModel),
                exactAnswerPose, startupRuns, Optional.ofNullable(report), command, overrides);
    }

    /** Whether the run has a pose model, i.e. whether RTMPose runs at all. */
    boolean poseEnabled() {
        return poseModel.isPresent() || exactAnswerPose;
    }

    private static Path existing(String file) {
        Path path = ScriptArguments.fromCaller(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file: " + path);
        }
        return path;
    }
}
