package io.stride.e2e.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JVM's Java heap lies in its address space, and how much of that range is resident. The JVM reserves the
 * whole heap ({@code -Xmx}) at start-up and its pages become resident as the collector first touches them, so the
 * resident set grows for a while without any leak; only what lies outside this range can show a native leak
 * (JavaCV frames, ONNX tensors), which the heap limit would not stop.
 *
 * @param start first address of the heap
 * @param end   first address after it
 */
record JavaHeapMapping(long start, long end) {

    private static final Pattern ADDRESS = Pattern.compile("0x([0-9a-fA-F]+)");
    private static final Pattern MAPPING = Pattern.compile("^([0-9a-f]+)-([0-9a-f]+) ");
    private static final String RSS = "Rss:";
    private static final long JCMD_TIMEOUT_SECONDS = 30;
    private static final double KIB_PER_MIB = 1024;
    private static final int HEX = 16;

    /** The heap of the JVM with this process id, as its {@code jcmd <pid> GC.heap_info} shows it. */
    static JavaHeapMapping of(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.heap_info")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " GC.heap_info failed: " + output);
        }
        return parse(output);
    }

    /**
     * From {@code GC.heap_info}: every generation or region line ends with its {@code [start, …, end)} addresses,
     * so the heap runs from the lowest address shown to the highest.
     */
    static JavaHeapMapping parse(String heapInfo) {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        Matcher address = ADDRESS.matcher(heapInfo);
        while (address.find()) {
            long value = Long.parseUnsignedLong(address.group(1), HEX);
            start = Math.min(start, value);
            end = Math.max(end, value);
        }
        if (start >= end) {
            throw new IllegalArgumentException("no heap address range in GC.heap_info: " + heapInfo);
        }
        return new JavaHeapMapping(start, end);
    }

    /** The resident part of the heap in the process now ({@code /proc/<pid>/smaps}), in MiB. */
    double residentMib(long pid) throws IOException {
        return residentKib(Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps"))) / KIB_PER_MIB;
    }

    /** The {@code Rss} of the mappings of an {@code smaps} listing that lie in the heap, in KiB. */
    long residentKib(List<String> smaps) {
        long total = 0;
        boolean inHeap = false;
        for (String line : smaps) {
            Matcher mapping = MAPPING.matcher(line);
            if (mapping.find()) {
                long from = Long.parseUnsignedLong(mapping.group(1), HEX);
                long to = Long.parseUnsignedLong(mapping.group(2), HEX);
                inHeap = from >= start && to <= end;
            } else if (inHeap && line.startsWith(RSS)) {
                total += Long.parseLong(line.substring(RSS.length()).replace("kB", "").strip());
            }
        }
        return total;
    }
}
