package io.stride.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameTimerTest {

    @Test
    void theWarmUpFramesDoNotCount() {
        FrameTimer timer = new FrameTimer(2);
        timer.record(50_000_000);
        timer.record(40_000_000);
        timer.record(3_000_000);
        timer.record(5_000_000);

        assertThat(timer.frames()).isEqualTo(2);
        assertThat(timer.millisPerFrame()).isEqualTo(4.0);
    }

    @Test
    void aStepIsTimedByTheClockItIsGiven() throws Exception {
        long[] now = {0};
        FrameTimer timer = new FrameTimer(0, () -> now[0]);

        String result = timer.time(() -> {
            now[0] += 2_500_000;
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(timer.millisPerFrame()).isEqualTo(2.5);
    }

    @Test
    void theThreadCpuClockCountsWorkAndNotSleep() throws Exception {
        ThreadCpuClock clock = new ThreadCpuClock();
        long start = clock.monotonicTime();

        Thread.sleep(200);

        assertThat(clock.monotonicTime() - start).isLessThan(100_000_000);
    }

    @Test
    void noMeanBeforeAFrameCounts() {
        FrameTimer timer = new FrameTimer(1);
        timer.record(7_000_000);

        assertThat(timer.frames()).isZero();
        assertThat(timer.millisPerFrame()).isNaN();
    }
}
