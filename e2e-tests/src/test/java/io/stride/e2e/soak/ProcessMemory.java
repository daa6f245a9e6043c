package io.stride.e2e.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident set, from Linux's {@code /proc}. */
final class ProcessMemory {

    private static final double KIB_PER_MIB = 1024;
    private static final String VM_RSS = "VmRSS:";

    private ProcessMemory() {
    }

    /** The resident set ({@code VmRSS} of {@code /proc/<pid>/status}) in MiB. */
    static double rssMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith(VM_RSS)) {
                return Long.parseLong(line.substring(VM_RSS.length()).replace("kB", "").strip()) / KIB_PER_MIB;
            }
        }
        throw new IOException("no VmRSS for process " + pid + ": not Linux, or the process is gone");
    }
}
