package io.stride.e2e.bench;

import java.time.Duration;

/** CPU time (user and system, all threads) a process has used so far, in seconds. */
final class ProcessCpu {

    private static final double NANOS_PER_SECOND = 1e9;

    private ProcessCpu() {
    }

    static double ofThisJvm() {
        return of(ProcessHandle.current());
    }

    /** NaN when the process is gone or the platform does not tell. */
    static double ofPid(long pid) {
        return ProcessHandle.of(pid).map(ProcessCpu::of).orElse(Double.NaN);
    }

    private static double of(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos)
                .map(nanos -> nanos / NANOS_PER_SECOND).orElse(Double.NaN);
    }
}
