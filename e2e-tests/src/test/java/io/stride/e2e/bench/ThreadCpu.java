package io.stride.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of each thread of a process so far, from {@code /proc/<pid>/task/<tid>/stat}, summed by thread name
 * (the first 15 characters the JVM gives the kernel, digits folded to {@code #} so that a pool counts as one).
 * Empty where there is no {@code /proc}.
 */
final class ThreadCpu {

    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}), 100 on Linux on x86 and ARM. */
    private static final double TICKS_PER_SECOND = 100;
    /** utime and stime are the 14th and 15th fields of stat; counted from the field after the command's ")". */
    private static final int UTIME_AFTER_COMM = 11;

    private ThreadCpu() {
    }

    /** CPU seconds by thread name. */
    static Map<String, Double> ofPid(long pid) {
        Map<String, Double> seconds = new HashMap<>();
        try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            threads.forEach(thread -> {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "#");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double cpu = (Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[UTIME_AFTER_COMM + 1]))
                            / TICKS_PER_SECOND;
                    seconds.merge(name, cpu, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read: it no longer counts
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return seconds;
    }
}
