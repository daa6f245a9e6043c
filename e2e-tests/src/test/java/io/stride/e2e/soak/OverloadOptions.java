package io.stride.e2e.soak;

import io.stride.core.testing.SharedData;
import io.stride.e2e.ScriptArguments;
import io.stride.e2e.soak.LoopedClip.FrameSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What one camera overload run does.
 *
 * @param clip        the clip the stamped source is made of; default the shared {@code people-walking} clip
 * @param duration    how long latency is measured; default 3 min
 * @param size        the source's frame size; default 1920x1080
 * @param fps         the source's frame rate; default 60
 * @param loopSeconds length of the source file, published looped; default 30 s (latencies of a pass or more alias)
 * @param maxLatency  the bound on the measured latency; default 2 s (issue 16)
 * @param overrides   service properties for every service of the fleet ({@code --set key=value})
 */
record OverloadOptions(Path clip, Duration duration, FrameSize size, double fps, int loopSeconds, double maxLatency,
                       Map<String, String> overrides) {

    static final String USAGE = """
            usage: camera_overload.sh [clip] [--minutes N] [--size WxH] [--fps N] [--loop-seconds N]
                                      [--max-latency SECONDS] [--set key=value]...
              clip                   clip the stamped source is made of (default: $STRIDE_SHARED_DIR/videos/%s)
              --minutes N            how long latency is measured (default: 3)
              --size WxH             the source's frame size (default: 1920x1080)
              --fps N                the source's frame rate (default: 60)
              --loop-seconds N       length of the source file, published looped (default: 30)
              --max-latency SECONDS  bound on the source-to-stream latency (default: 2)
              --set key=value        a property for every service
            """.formatted(SharedData.PEOPLE_WALKING);

    private static final int DEFAULT_MINUTES = 3;
    private static final FrameSize DEFAULT_SIZE = new FrameSize(1920, 1080);
    private static final double DEFAULT_FPS = 60;
    private static final int DEFAULT_LOOP_SECONDS = 30;
    private static final double DEFAULT_MAX_LATENCY = 2;

    static OverloadOptions parse(String[] args) {
        var common = new CommonOptions();
        int minutes = DEFAULT_MINUTES;
        FrameSize size = DEFAULT_SIZE;
        double fps = DEFAULT_FPS;
        int loopSeconds = DEFAULT_LOOP_SECONDS;
        double maxLatency = DEFAULT_MAX_LATENCY;
        var arguments = new ScriptArguments(args);
        while (arguments.hasNext()) {
            String arg = arguments.next();
            switch (arg) {
                case "--minutes" -> minutes = arguments.positiveInt(arg);
                case "--size" -> size = FrameSize.parse(arguments.value(arg));
                case "--fps" -> fps = arguments.positiveNumber(arg);
                case "--loop-seconds" -> loopSeconds = arguments.positiveInt(arg);
                case "--max-latency" -> maxLatency = arguments.positiveNumber(arg);
                default -> common.read(arg, arguments);
            }
        }
        return new OverloadOptions(common.clip(), Duration.ofMinutes(minutes), size, fps, loopSeconds, maxLatency,
                common.overrides());
    }

    /** Frames of the source file. */
    int loopFrames() {
        return (int) Math.round(loopSeconds * fps);
    }
}
