package io.stride.e2e.soak;

import java.util.List;
import java.util.Map;

/**
 * What a soak run measured.
 *
 * @param frames     frames of the task, all of which every service processed
 * @param traces     each service's memory against its frames, in chain order
 * @param peakRssMib each service's peak resident set over the run (the kernel's high-water mark, so a spike
 *                   between two samples counts too)
 */
record SoakRun(int frames, Map<String, MemoryTrace> traces, Map<String, Long> peakRssMib) {

    /**
     * Frames not counted in the slope: the first tenth (1,000 of a 10,000-frame run), while the JIT compiles,
     * caches and pools fill and the heap grows to its working size.
     */
    long warmupFrames() {
        return frames / 10;
    }

    /** Where the table shows the resident set: ~1k, ~5k and ~10k frames of a 10,000-frame run. */
    List<Long> checkpoints() {
        return List.of((long) frames / 10, (long) frames / 2, (long) frames);
    }
}
