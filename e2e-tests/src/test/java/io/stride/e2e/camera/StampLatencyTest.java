package io.stride.e2e.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StampLatencyTest {

    private static final long MS = 1_000_000;

    @Test
    void aPlayersSightingIsPairedWithTheLatestEarlierSourceSightingOfItsStamp() {
        // A two-frame loop: stamps 0 and 1 come back every 100 ms.
        List<Sighting> source = List.of(source(0, 0), source(1, 50), source(0, 100), source(1, 150),
                source(0, 200));
        List<Sighting> player = List.of(player(0, 130), player(1, 160), player(-1, 170), player(0, 260),
                player(5, 270));

        StampLatency.Summary summary = StampLatency.of(source, player);

        assertThat(summary.latenciesNanos()).containsExactly(30 * MS, 10 * MS, 60 * MS);
        assertThat(summary.unmatched()).isEqualTo(1);
        assertThat(summary.medianSeconds()).isEqualTo(0.030);
        assertThat(summary.maxSeconds()).isEqualTo(0.060);
    }

    @Test
    void aStampTheSourceShowedOnlyLaterIsNotPaired() {
        StampLatency.Summary summary = StampLatency.of(List.of(source(3, 500)), List.of(player(3, 400)));

        assertThat(summary.latenciesNanos()).isEmpty();
        assertThat(summary.unmatched()).isEqualTo(1);
        assertThat(summary.medianSeconds()).isNaN();
        assertThat(summary.maxSeconds()).isNaN();
    }

    private static Sighting source(int stamp, long millis) {
        return new Sighting(millis * MS, stamp, 0, 1);
    }

    private static Sighting player(int stamp, long millis) {
        return new Sighting(millis * MS, stamp, 0, 1);
    }
}
