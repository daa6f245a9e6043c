package io.stride.e2e.soak;

import io.stride.core.testing.SharedData;
import io.stride.e2e.ScriptArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the soak and overload harnesses read alike: the clip operand (default the shared {@code people-walking} clip)
 * and {@code --set key=value}. Each options record reads its own options and hands every other argument to
 * {@link #read}, so that an unknown option is refused the same way in all of them.
 */
final class CommonOptions {

    private Path clip = SharedData.dir().resolve("videos").resolve(SharedData.PEOPLE_WALKING);
    private final Map<String, String> overrides = new LinkedHashMap<>();

    /** Reads {@code arg}, which none of the harness's own options matched, and the value it takes if any. */
    void read(String arg, ScriptArguments arguments) {
        if (arg.equals("--set")) {
            arguments.setting(arg, overrides);
        } else if (arg.startsWith("-")) {
            throw ScriptArguments.unknownOption(arg);
        } else {
            clip = ScriptArguments.fromCaller(arg);
        }
    }

    /** The clip named last, else the default; it must exist. */
    Path clip() {
        if (!Files.isRegularFile(clip)) {
            throw new IllegalArgumentException("no clip at " + clip + " (set STRIDE_SHARED_DIR or name a video)");
        }
        return clip;
    }

    /** Service properties for every service of the fleet, in the order given; a key set twice keeps its last value. */
    Map<String, String> overrides() {
        return overrides;
    }

    /** A time given in (possibly fractional) seconds, to the millisecond. */
    static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
