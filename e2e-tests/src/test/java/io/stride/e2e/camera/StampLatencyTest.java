package io.stride.e2e.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StampLatencyTest {

    /** 10 fps, stamps 0..3: a stamp comes back every 400 ms. */
    private static final double FPS = 10;
    private static final int PERIOD = 4;
    private static final long MS = 1_000_000;

    @Test
    void theLeastDelayedSourcePictureDatesEveryFrameAndAPlayersPictureIsItsLatestFrameSentBefore() {
        // Sent at 1000 + 100 ms per frame: stamp 0 on time, stamp 2 50 ms late, stamp 0 of the next loop on time.
        List<Sighting> source = List.of(at(0, 1000), at(2, 1250), at(-1, 1300), at(0, 1400));
        List<Sighting> player = List.of(at(1, 1300), at(3, 1350), at(-1, 1360), at(0, 1450), at(2, 1950));

        StampLatency.Summary summary = StampLatency.of(source, player, PERIOD, FPS);

        // stamp 1 left at 1100, stamp 3 at 1300, stamp 0 at 1400 and stamp 2 at 1600 (both of the second loop)
        assertThat(summary.latenciesNanos()).containsExactly(200 * MS, 50 * MS, 50 * MS, 350 * MS);
        assertThat(summary.sourceSpreadSeconds()).isCloseTo(0.050, within(1e-9));
        assertThat(summary.medianSeconds()).isCloseTo(0.050, within(1e-9));
        assertThat(summary.maxSeconds()).isCloseTo(0.350, within(1e-9));
    }

    @Test
    void aSourceWithoutAStampedPictureDatesNothing() {
        assertThatThrownBy(() -> StampLatency.of(List.of(at(-1, 0)), List.of(at(1, 10)), PERIOD, FPS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(StampLatency.of(List.of(at(0, 0)), List.of(), PERIOD, FPS).medianSeconds()).isNaN();
    }

    private static Sighting at(int stamp, long millis) {
        return new Sighting(millis * MS, stamp, 0, 1);
    }
}
