package io.stride.e2e.soak;

import io.stride.core.testing.SharedData;
import io.stride.e2e.ScriptArguments;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.util.unit.DataSize;

/**
 * What one camera soak does.
 *
 * @param clip             the video the camera publishes, looped in real time; default the shared
 *                         {@code people-walking} clip
 * @param duration         how long the camera runs; default 120 min
 * @param interval         time between two samples; default 1 min
 * @param segmentDuration  the recordings' segment length; default 1 min, so that a soak sees many segments
 * @param maxBytes         the recordings' retention by size; default 100 MB: a few segments (a minute of annotated
 *                         720p at 30 fps is about 33 MB), so that retention must delete and still keeps some
 * @param outageAt         when the source goes away once (minutes after the start); default half-way, 0 never
 * @param outage           how long it stays away; default 30 s
 * @param maxHeapGrowthMib the bound on a service's heap-after-GC growth, first third to last; default 32 MiB
 * @param overrides        service properties for every service of the fleet ({@code --set key=value})
 */
record CameraSoakOptions(Path clip, Duration duration, Duration interval, Duration segmentDuration,
                         DataSize maxBytes, Duration outageAt, Duration outage, double maxHeapGrowthMib,
                         Map<String, String> overrides) {

    static final String USAGE = """
            usage: soak_camera.sh [clip] [--minutes N] [--interval SECONDS] [--segment-seconds N] [--max-bytes SIZE]
                                  [--outage-at MINUTE] [--outage SECONDS] [--max-heap-growth MIB] [--set key=value]...
              clip                 video the camera publishes, looped in real time (default: $STRIDE_SHARED_DIR/videos/%s)
              --minutes N          how long the camera runs (default: 120)
              --interval SECONDS   time between samples (default: 60)
              --segment-seconds N  stride.annotation.recording.segment-duration (default: 60)
              --max-bytes SIZE     stride.annotation.recording.max-bytes (default: 100MB; keep it above one segment)
              --outage-at MINUTE   the source is killed once at this minute (default: half-way; 0: never)
              --outage SECONDS     how long it stays away (default: 30)
              --max-heap-growth M  most MiB a service's heap after GC may grow, first third to last (default: 32)
              --set key=value      a property for every service
            """.formatted(SharedData.PEOPLE_WALKING);

    private static final int DEFAULT_MINUTES = 120;
    private static final int DEFAULT_INTERVAL_SECONDS = 60;
    private static final int DEFAULT_SEGMENT_SECONDS = 60;
    private static final String DEFAULT_MAX_BYTES = "100MB";
    private static final int DEFAULT_OUTAGE_SECONDS = 30;
    private static final double DEFAULT_MAX_HEAP_GROWTH_MIB = 32;
    private static final int UNSET = -1;

    static CameraSoakOptions parse(String[] args) {
        var common = new CommonOptions();
        int minutes = DEFAULT_MINUTES;
        double interval = DEFAULT_INTERVAL_SECONDS;
        int segmentSeconds = DEFAULT_SEGMENT_SECONDS;
        DataSize maxBytes = DataSize.parse(DEFAULT_MAX_BYTES);
        int outageAt = UNSET;
        int outage = DEFAULT_OUTAGE_SECONDS;
        double maxHeapGrowth = DEFAULT_MAX_HEAP_GROWTH_MIB;
        var arguments = new ScriptArguments(args);
        while (arguments.hasNext()) {
            String arg = arguments.next();
            switch (arg) {
                case "--minutes" -> minutes = arguments.positiveInt(arg);
                case "--interval" -> interval = arguments.positiveNumber(arg);
                case "--segment-seconds" -> segmentSeconds = arguments.positiveInt(arg);
                case "--max-bytes" -> maxBytes = dataSize(arguments.value(arg));
                case "--outage-at" -> outageAt = arguments.nonNegativeInt(arg);
                case "--outage" -> outage = arguments.positiveInt(arg);
                case "--max-heap-growth" -> maxHeapGrowth = arguments.positiveNumber(arg);
                default -> common.read(arg, arguments);
            }
        }
        Path clip = common.clip();
        int outageMinute = outageAt == UNSET ? minutes / 2 : outageAt;
        if (outageMinute >= minutes) {
            throw new IllegalArgumentException("--outage-at " + outageMinute + " is not before the end (" + minutes + ")");
        }
        return new CameraSoakOptions(clip, Duration.ofMinutes(minutes), CommonOptions.seconds(interval),
                Duration.ofSeconds(segmentSeconds), maxBytes, Duration.ofMinutes(outageMinute),
                Duration.ofSeconds(outage), maxHeapGrowth, common.overrides());
    }

    /** Whether the source is killed once. */
    boolean hasOutage() {
        return !outageAt.isZero();
    }

    private static DataSize dataSize(String text) {
        try {
            return DataSize.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--max-bytes needs a size such as 20MB, got '" + text + "'");
        }
    }
}
