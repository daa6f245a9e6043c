package io.stride.e2e.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's live Java heap: what its generations hold right after a full collection ({@code jcmd <pid> GC.run},
 * then {@code GC.heap_info}). Unlike the heap's resident pages, which grow into the {@code -Xmx} reservation and
 * stay, this is what the program keeps reachable: it grows only when something holds on to more and more.
 */
final class HeapAfterGc {

    /** A generation's or a heap's line: {@code total …K, used …K}; Metaspace lines have no {@code total}. */
    private static final Pattern USED = Pattern.compile("total (?:reserved \\d+K, committed )?\\d+K, used (\\d+)K");
    private static final long JCMD_TIMEOUT_SECONDS = 60;
    private static final double KIB_PER_MIB = 1024;

    private HeapAfterGc() {
    }

    /** Runs a full collection in the JVM with this process id and returns its used heap, in MiB. */
    static double usedMib(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        return parseUsedKib(jcmd(pid, "GC.heap_info")) / KIB_PER_MIB;
    }

    /** The used KiB of every generation (or of the one heap) that {@code GC.heap_info} lists, added up. */
    static long parseUsedKib(String heapInfo) {
        long used = 0;
        boolean found = false;
        Matcher matcher = USED.matcher(heapInfo);
        while (matcher.find()) {
            used += Long.parseLong(matcher.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalArgumentException("no used heap in GC.heap_info: " + heapInfo);
        }
        return used;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + output);
        }
        return output;
    }
}
