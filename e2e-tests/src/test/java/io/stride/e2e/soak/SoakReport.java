package io.stride.e2e.soak;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The soak's Markdown table and verdict: per service, the resident set at three points, its peak and slopes. The
 * bound applies to the slope outside the Java heap: the heap grows into its {@code -Xmx} reservation as its pages
 * are first touched, which caps it, while native memory (JavaCV frames, ONNX tensors) has no cap but a leak's.
 */
final class SoakReport {

    private SoakReport() {
    }

    /**
     * @param maxSlope the bound: most MiB per 1,000 frames a service's resident set outside the Java heap may grow
     *                 after the warm-up
     */
    static String render(SoakRun run, double maxSlope) {
        StringBuilder out = new StringBuilder();
        List<Long> checkpoints = run.checkpoints();
        out.append("| service |");
        checkpoints.forEach(frame -> out.append(" RSS @ ").append(frame).append(" |"));
        out.append(" peak RSS | RSS slope | off-heap slope | off-heap slope ≤ ")
                .append(String.format(Locale.ROOT, "%.1f", maxSlope)).append(" |\n");
        out.append("|---|").append("---:|".repeat(checkpoints.size() + 3)).append("---|\n");
        for (Map.Entry<String, MemoryTrace> entry : run.traces().entrySet()) {
            MemoryTrace trace = entry.getValue();
            out.append("| ").append(entry.getKey()).append(" |");
            for (long frame : checkpoints) {
                // Whole MiB rounded down, as the kernel's peak (VmHWM) is shown, so that no sample looks above the peak.
                out.append(' ').append(trace.at(frame).map(s -> String.valueOf((long) s.rssMib())).orElse("–"))
                        .append(" |");
            }
            out.append(' ').append(run.peakRssMib().getOrDefault(entry.getKey(), -1L)).append(" |");
            out.append(' ').append(format(trace.rssSlope(run.warmupFrames()))).append(" |");
            out.append(' ').append(format(trace.offHeapSlope(run.warmupFrames()))).append(" |");
            out.append(' ').append(withinBound(trace, run, maxSlope) ? "yes" : "**no**").append(" |\n");
        }
        out.append(String.format(Locale.ROOT, "%nRSS and peak in MiB; slopes in MiB per 1,000 frames, least squares "
                + "over frames %d–%d (after the warm-up); off-heap = RSS outside the Java heap's address range.%n",
                run.warmupFrames(), run.frames()));
        return out.toString();
    }

    /** Services whose memory outside the heap grew faster than {@code maxSlope}, or could not be measured. */
    static List<String> overBound(SoakRun run, double maxSlope) {
        return run.traces().entrySet().stream()
                .filter(e -> !withinBound(e.getValue(), run, maxSlope))
                .map(Map.Entry::getKey).toList();
    }

    /** A slope that could not be computed (too few samples) is no proof of flatness, so it fails. */
    private static boolean withinBound(MemoryTrace trace, SoakRun run, double maxSlope) {
        double slope = trace.offHeapSlope(run.warmupFrames());
        return !Double.isNaN(slope) && slope <= maxSlope;
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%+.1f", value);
    }
}
