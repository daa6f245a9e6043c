package io.stride.e2e.bench;

import io.micrometer.core.instrument.Clock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A Micrometer clock whose monotonic time is the calling thread's CPU time: a timer registered with it records
 * the CPU its work used on that thread, not the wall time, which on a shared machine grows with the load. Exact
 * for work that stays on the calling thread, as ONNX Runtime's does with one intra-op thread.
 */
final class ThreadCpuClock implements Clock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The current thread's CPU time, in nanoseconds. */
    static long nanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    @Override
    public long wallTime() {
        return Clock.SYSTEM.wallTime();
    }

    @Override
    public long monotonicTime() {
        return nanos();
    }
}
