package io.stride.e2e.soak;

import io.stride.core.testing.SharedData;
import io.stride.e2e.soak.LoopedClip.FrameSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one soak run does.
 *
 * @param clip      the video looped into the task; default {@code videos/people-walking_1280x720_10s.mp4} of the
 *                  shared data
 * @param frames    frames of the task; default 10,000
 * @param size      frame size of the task; default the clip's own
 * @param interval  time between two memory samples; default 1 s, a few dozen frames of the fleet
 * @param maxSlope  the bound: most MiB per 1,000 frames a service's resident set outside the Java heap may grow
 *                  after the warm-up; default 5 (see {@link #DEFAULT_MAX_SLOPE})
 * @param overrides service properties for every service of the fleet ({@code --set key=value})
 */
record SoakOptions(Path clip, int frames, Optional<FrameSize> size, Duration interval, double maxSlope,
                   Map<String, String> overrides) {

    static final String USAGE = """
            usage: soak_memory.sh [clip] [--frames N] [--size WxH] [--interval SECONDS] [--max-slope MIB]
                                  [--set property=value]...
              clip                video looped into the task (default: $STRIDE_SHARED_DIR/videos/%s)
              --frames N          frames of the task (default: %d)
              --size WxH          scale the frames, e.g. 640x360 (default: the clip's size)
              --interval SECONDS  time between memory samples (default: %s)
              --max-slope MIB     most MiB per 1,000 frames a service's RSS outside the Java heap may grow after
                                  the first tenth of the frames; above it the run fails (default: %s)
              --set key=value     a property for every service, e.g. stride.inference.intra-op-threads=2
            """.formatted(SharedData.PEOPLE_WALKING, SoakOptions.DEFAULT_FRAMES, SoakOptions.DEFAULT_INTERVAL_SECONDS,
                    SoakOptions.DEFAULT_MAX_SLOPE);

    private static final int DEFAULT_FRAMES = 10_000;
    private static final double DEFAULT_INTERVAL_SECONDS = 1;
    /**
     * 5 MiB per 1,000 frames is 45 MiB over frames 1,000–10,000: room for the JVM's own drift outside the heap
     * (code cache, metaspace, malloc arenas settling), and far below what a leak of what a frame passes through
     * would add: a 720p BGR frame is 2.6 MiB and the detector's input tensor 2 MiB, so keeping one of either per
     * frame adds 2,000 MiB or more per 1,000 frames, and even a 5 KiB leak per frame crosses the bound.
     */
    private static final double DEFAULT_MAX_SLOPE = 5;
    /** System property with the directory the script was run from (relative paths are relative to it). */
    static final String CALLER_DIR = "stride.soak.caller-dir";

    /** Whether the arguments ask for the usage text only. */
    static boolean asksForHelp(String[] args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }

    static SoakOptions parse(String[] args) {
        Path clip = SharedData.dir().resolve("videos").resolve(SharedData.PEOPLE_WALKING);
        int frames = DEFAULT_FRAMES;
        FrameSize size = null;
        double interval = DEFAULT_INTERVAL_SECONDS;
        double maxSlope = DEFAULT_MAX_SLOPE;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--frames" -> frames = positiveInteger(arg, value(args, ++i, arg));
                case "--size" -> size = FrameSize.parse(value(args, ++i, arg));
                case "--interval" -> interval = positive(arg, value(args, ++i, arg));
                case "--max-slope" -> maxSlope = positive(arg, value(args, ++i, arg));
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
                    clip = Path.of(System.getProperty(CALLER_DIR, ".")).resolve(arg).toAbsolutePath().normalize();
                }
            }
        }
        if (!Files.isRegularFile(clip)) {
            throw new IllegalArgumentException("no clip at " + clip + " (set STRIDE_SHARED_DIR or name a video)");
        }
        return new SoakOptions(clip, frames, Optional.ofNullable(size),
                Duration.ofMillis(Math.round(interval * 1000)), maxSlope, overrides);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positiveInteger(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n <= 0) {
                throw new IllegalArgumentException(option + " must be positive, got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
        }
    }

    private static double positive(String option, String value) {
        double n;
        try {
            n = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + value + "'");
        }
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
        return n;
    }
}
