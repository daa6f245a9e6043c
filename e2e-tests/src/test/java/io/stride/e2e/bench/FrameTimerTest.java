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
    void noMeanBeforeAFrameCounts() {
        FrameTimer timer = new FrameTimer(1);
        timer.record(7_000_000);

        assertThat(timer.frames()).isZero();
        assertThat(timer.millisPerFrame()).isNaN();
    }
}
