package io.stride.e2e.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The camera soak's Markdown table and verdict. Memory is flat when each service's heap after a full collection
 * grew by at most a bound from the first third of the samples to the last (means, so one sample taken during a
 * burst does not decide); the disk is bounded when the segments never weighed more than the retention's
 * {@code max-bytes} plus one segment (the open one, and the one just closed before retention runs).
 */
final class CameraSoakReport {

    private static final double BYTES_PER_MIB = 1024 * 1024;
    private static final int THIRDS = 3;

    private CameraSoakReport() {
    }

    /** What the run is judged against. */
    record Bounds(double maxHeapGrowthMib, long maxBytes, int outages) {
    }

    /** The verdict's findings, each line starting with PASS or FAIL. */
    record Verdict(List<String> lines, boolean passed) {
    }

    static String table(List<CameraSample> samples) {
        if (samples.isEmpty()) {
            return "(no samples)\n";
        }
        String services = String.join("/", samples.get(0).rssMib().keySet().stream()
                .map(name -> name.substring(0, 1)).toList());
        StringBuilder out = new StringBuilder();
        out.append("| min | status | RSS MiB ").append(services).append(" | heap after GC MiB ").append(services)
                .append(" | segments MiB | segments | newest | Kafka MiB | in fps | out fps | dropped | reconnects |\n");
        out.append("|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CameraSample s : samples) {
            out.append(String.format(Locale.ROOT, "| %.0f | %s | %s | %s | %.1f | %d | %d | %s | %.1f | %.1f | %d | %d |%n",
                    s.minute(), s.status(), joined(s.rssMib()), joined(s.heapMib()), s.diskBytes() / BYTES_PER_MIB,
                    s.segments(), s.newestSegment(),
                    s.kafkaBytes() < 0 ? "–" : String.format(Locale.ROOT, "%.0f", s.kafkaBytes() / BYTES_PER_MIB),
                    s.inputFps(), s.outputFps(), s.framesDropped(), s.reconnects()));
        }
        return out.toString();
    }

    static Verdict verdict(List<CameraSample> samples, Bounds bounds) {
        List<String> lines = new ArrayList<>();
        boolean passed = true;
        if (samples.size() < THIRDS) {
            return new Verdict(List.of("FAIL fewer than " + THIRDS + " samples: nothing to judge"), false);
        }
        Map<String, Double> heapGrowth = growth(samples, CameraSample::heapMib);
        Map<String, Double> rssGrowth = growth(samples, CameraSample::rssMib);
        List<String> grown = heapGrowth.entrySet().stream()
                .filter(e -> e.getValue() > bounds.maxHeapGrowthMib()).map(Map.Entry::getKey).toList();
        passed &= grown.isEmpty();
        lines.add(String.format(Locale.ROOT, "%s memory flat: heap after GC, mean of the last third minus the first "
                        + "(MiB, bound %.0f): %s; RSS likewise: %s", grown.isEmpty() ? "PASS" : "FAIL",
                bounds.maxHeapGrowthMib(), signed(heapGrowth), signed(rssGrowth)));

        long largestSegment = samples.stream().mapToLong(CameraSample::largestSegmentBytes).max().orElse(0);
        long diskBound = bounds.maxBytes() + largestSegment;
        long maxDisk = samples.stream().mapToLong(CameraSample::diskBytes).max().orElse(0);
        CameraSample last = samples.get(samples.size() - 1);
        int deleted = last.newestSegment() - last.segments();
        boolean bounded = maxDisk <= diskBound;
        passed &= bounded;
        lines.add(String.format(Locale.ROOT, "%s disk bounded: at most %.1f MiB, bound %.1f MiB (max-bytes %.1f + "
                        + "largest segment %.1f); %d segments deleted by retention%s",
                bounded ? "PASS" : "FAIL", maxDisk / BYTES_PER_MIB, diskBound / BYTES_PER_MIB,
                bounds.maxBytes() / BYTES_PER_MIB, largestSegment / BYTES_PER_MIB, deleted,
                deleted > 0 ? "" : " (the run never reached max-bytes: retention not exercised)"));

        boolean reconnected = last.reconnects() == bounds.outages();
        passed &= reconnected;
        lines.add(String.format(Locale.ROOT, "%s reconnects: %d, expected %d (source outages)",
                reconnected ? "PASS" : "FAIL", last.reconnects(), bounds.outages()));
        return new Verdict(List.copyOf(lines), passed);
    }

    /** Per service: mean of the last third of the samples minus the mean of the first third. */
    static Map<String, Double> growth(List<CameraSample> samples, Function<CameraSample, Map<String, Double>> of) {
        int third = samples.size() / THIRDS;
        List<CameraSample> first = samples.subList(0, third);
        List<CameraSample> lastThird = samples.subList(samples.size() - third, samples.size());
        Map<String, Double> growth = new LinkedHashMap<>();
        for (String service : of.apply(samples.get(0)).keySet()) {
            growth.put(service, mean(lastThird, of, service) - mean(first, of, service));
        }
        return growth;
    }

    private static double mean(List<CameraSample> samples, Function<CameraSample, Map<String, Double>> of,
                               String service) {
        return samples.stream().mapToDouble(s -> of.apply(s).get(service)).average().orElse(Double.NaN);
    }

    private static String joined(Map<String, Double> values) {
        return values.values().stream().map(v -> String.valueOf(Math.round(v))).collect(Collectors.joining("/"));
    }

    private static String signed(Map<String, Double> values) {
        return values.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %+.1f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
