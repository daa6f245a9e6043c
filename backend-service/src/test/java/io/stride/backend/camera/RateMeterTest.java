package io.stride.backend.camera;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateMeterTest {

    @Test
    void ratesAreOverTheLastWholeSecondsLeavingOutTheCurrentOne() {
        var meter = new RateMeter();
        long t0 = 1_000_000L;
        for (int second = 0; second < RateMeter.WINDOW_SECONDS; second++) {
            for (int i = 0; i < 25; i++) {
                meter.record(t0 + second * 1000L + i * 40L);
            }
        }
        meter.record(t0 + RateMeter.WINDOW_SECONDS * 1000L); // the current second: not counted yet

        assertThat(meter.perSecond(t0 + RateMeter.WINDOW_SECONDS * 1000L + 500)).isEqualTo(25.0);
        // Two seconds later the two oldest seconds have left the window, and one more second is counted.
        assertThat(meter.perSecond(t0 + (RateMeter.WINDOW_SECONDS + 2) * 1000L)).isEqualTo((3 * 25 + 1) / 5.0);
        assertThat(meter.perSecond(t0 + 60_000)).isEqualTo(0.0);
    }
}
