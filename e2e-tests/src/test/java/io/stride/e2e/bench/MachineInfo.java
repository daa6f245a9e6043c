package io.stride.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a run measured, as far as the figures depend on it.
 *
 * @param cpu       the processor's model name
 * @param cores     processors this JVM may use
 * @param memoryGib physical memory
 * @param system    operating system and kernel
 * @param java      Java runtime version
 */
record MachineInfo(String cpu, int cores, double memoryGib, String system, String java) {

    private static final double KIB_PER_GIB = 1024.0 * 1024.0;

    static MachineInfo describe() {
        return new MachineInfo(readCpuModel(), Runtime.getRuntime().availableProcessors(), readMemoryGib(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.runtime.version"));
    }

    /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} gives them; "unknown" elsewhere. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    String summary() {
        return String.format(Locale.ROOT, "%s, %d cores, %.0f GiB, %s, Java %s", cpu, cores, memoryGib, system, java);
    }

    private static String readCpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static double readMemoryGib() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(line -> line.startsWith("MemTotal:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(0) / KIB_PER_GIB;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
