package io.stride.e2e.bench;

import io.stride.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one benchmark run measures.
 *
 * @param clip          the video; default {@code videos/people-walking_1280x720_10s.mp4} of the shared data
 * @param frames        frames of the clip to use, from the start; default all of them
 * @param warmupFrames  frames of each in-process measurement that are not counted; default 10
 * @param fleetWarmup   untimed tasks of the clip the fleet runs before it is measured; default 3: five JVMs'
 *                      JIT compilers take that long to settle (the fleet's CPU per frame still fell by a quarter
 *                      from its second task to its sixth), while the baseline's one JVM is settled after the
 *                      in-process measurements
 * @param rounds        measurements of the ratio: each round runs the baseline, then one fleet task; default 3
 * @param poseModel     an RTMPose ONNX file; without one, pose estimation is off in the baseline and the fleet
 * @param startupRuns   yolox-service start-ups timed with and without pre-extracted ONNX Runtime natives; default
 *                      3 of each, 0 to skip
 * @param report        a Markdown file whose generated section is replaced by this run's tables; none by default
 * @param command       the command line that ran the benchmark, quoted in the report
 * @param overrides     service properties set for the in-process measurements and the fleet alike
 *                      ({@code --set key=value}), on top of the services' defaults
 */
record BenchmarkOptions(Path clip, int frames, int warmupFrames, int fleetWarmup, int rounds, Optional<Path> poseModel,
                        int startupRuns, Optional<Path> report, String command, Map<String, String> overrides) {

    static final String USAGE = """
            usage: bench_pipeline.sh [clip] [--frames N] [--warmup N] [--fleet-warmup N] [--rounds N]
                                     [--pose-model FILE] [--startup-runs N] [--set property=value]... [--report FILE]
              clip               video to measure on (default: $STRIDE_SHARED_DIR/videos/%s)
              --frames N         use only the first N frames of the clip (default: all)
              --warmup N         uncounted frames at the start of each in-process measurement (default: %d)
              --fleet-warmup N   untimed tasks of the clip through the fleet before it is measured (default: %d)
              --rounds N         baseline run + fleet task pairs, each giving one fleet / baseline ratio (default: %d)
              --pose-model FILE  an RTMPose ONNX; without it pose estimation is off in the baseline and the fleet
              --startup-runs N   time yolox-service start-up N times with and without pre-extracted ONNX Runtime
                                 natives (default: %d; 0 skips it)
              --set key=value    a service property for every measurement, e.g. stride.inference.intra-op-threads=2
              --report FILE      write the tables into FILE (between its generated-section markers)
            """.formatted(SharedData.PEOPLE_WALKING, BenchmarkOptions.DEFAULT_WARMUP,
                    BenchmarkOptions.DEFAULT_FLEET_WARMUP, BenchmarkOptions.DEFAULT_ROUNDS,
                    BenchmarkOptions.DEFAULT_STARTUP_RUNS);

    private static final int DEFAULT_WARMUP = 10;
    private static final int DEFAULT_FLEET_WARMUP = 3;
    private static final int DEFAULT_ROUNDS = 3;
    private static final int DEFAULT_STARTUP_RUNS = 3;
    private static final int ALL_FRAMES = Integer.MAX_VALUE;
    /** System property with the directory the script was run from. */
    static final String CALLER_DIR = "stride.bench.caller-dir";

    /** Whether the arguments ask for the usage text only. */
    static boolean asksForHelp(String[] args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }

    static BenchmarkOptions parse(String[] args) {
        Path clip = SharedData.dir().resolve("videos").resolve(SharedData.PEOPLE_WALKING);
        int frames = ALL_FRAMES;
        int warmup = DEFAULT_WARMUP;
        int fleetWarmup = DEFAULT_FLEET_WARMUP;
        int rounds = DEFAULT_ROUNDS;
        Path poseModel = null;
        int startupRuns = DEFAULT_STARTUP_RUNS;
        Path report = null;
        String command = "bench_pipeline.sh " + String.join(" ", args);
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--frames" -> frames = positive(arg, value(args, ++i, arg));
                case "--warmup" -> warmup = nonNegative(arg, value(args, ++i, arg));
                case "--fleet-warmup" -> fleetWarmup = nonNegative(arg, value(args, ++i, arg));
                case "--rounds" -> rounds = positive(arg, value(args, ++i, arg));
                case "--pose-model" -> poseModel = existing(value(args, ++i, arg));
                case "--startup-runs" -> startupRuns = nonNegative(arg, value(args, ++i, arg));
                case "--report" -> report = fromCaller(value(args, ++i, arg));
                case "--command" -> command = value(args, ++i, arg);
                case "--set" -> {
                    String setting = value(args, ++i, arg);
                    int equals = setting.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("--set needs key=value, got '" + setting + "'");
                    }
                    overrides.put(setting.substring(0, equals), setting.substring(equals + 1));
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    clip = existing(arg);
                }
            }
        }
        if (!Files.isRegularFile(clip)) {
            throw new IllegalArgumentException("no clip at " + clip + " (set STRIDE_SHARED_DIR or name a video)");
        }
        return new BenchmarkOptions(clip, frames, warmup, fleetWarmup, rounds, Optional.ofNullable(poseModel),
                startupRuns, Optional.ofNullable(report), command, overrides);
    }

    /** Whether the run has a pose model, i.e. whether RTMPose runs at all. */
    boolean poseEnabled() {
        return poseModel.isPresent();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String value) {
        int n = nonNegative(option, value);
        if (n == 0) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return n;
    }

    private static int nonNegative(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new IllegalArgumentException(option + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + value + "'");
        }
    }

    /**
     * A path as the user typed it: relative to where they ran the script ({@value #CALLER_DIR}), not to the
     * e2e-tests module the harness runs in.
     */
    private static Path fromCaller(String file) {
        return Path.of(System.getProperty(CALLER_DIR, ".")).resolve(file).toAbsolutePath().normalize();
    }

    private static Path existing(String file) {
        Path path = fromCaller(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file: " + path);
        }
        return path;
    }
}
