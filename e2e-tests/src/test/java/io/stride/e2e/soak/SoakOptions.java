package io.stride.e2e.soak;

import io.stride.core.testing.SharedData;
import io.stride.e2e.ScriptArguments;
import io.stride.e2e.soak.LoopedClip.FrameSize;
import java.nio.file.Path;
import java.time.Duration;
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
    static SoakOptions parse(String[] args) {
        var common = new CommonOptions();
        int frames = DEFAULT_FRAMES;
        FrameSize size = null;
        double interval = DEFAULT_INTERVAL_SECONDS;
        double maxSlope = DEFAULT_MAX_SLOPE;
        var arguments = new ScriptArguments(args);
        while (arguments.hasNext()) {
            String arg = arguments.next();
            switch (arg) {
                case "--frames" -> frames = arguments.positiveInt(arg);
                case "--size" -> size = FrameSize.parse(arguments.value(arg));
                case "--interval" -> interval = arguments.positiveNumber(arg);
                case "--max-slope" -> maxSlope = arguments.positiveNumber(arg);
                default -> common.read(arg, arguments);
            }
        }
        return new SoakOptions(common.clip(), frames, Optional.ofNullable(size), CommonOptions.seconds(interval),
                maxSlope, common.overrides());
    }
}
