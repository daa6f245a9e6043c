package io.stride.e2e.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StampLatencyTest {

    private static final StampLatency SIXTY_FPS_TEN_SECONDS = new StampLatency(60, 600);

    @Test
    void aFrameOfTheFirstPassIsLateByTheTimeSinceItLeft() {
        // stamp 120 leaves at 2.0 s
        assertThat(SIXTY_FPS_TEN_SECONDS.latency(2.75, 120)).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void laterPassesRepeatTheStampsEveryPass() {
        // stamp 120 of the fourth pass leaves at 32.0 s
        assertThat(SIXTY_FPS_TEN_SECONDS.latency(33.5, 120)).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void aFrameSeenJustAfterAPassEndedBelongsToThePassBefore() {
        // stamp 599 leaves at 9.9833 s, seen at 10.2 s, when the next pass has begun
        assertThat(SIXTY_FPS_TEN_SECONDS.latency(10.2, 599)).isCloseTo(10.2 - 599 / 60.0, within(1e-9));
    }

    @Test
    void summaryByNearestRank() {
        List<Double> latencies = List.of(0.5, 0.1, 0.3, 0.2, 0.4, 0.6, 0.7, 0.8, 0.9, 1.0,
                1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0);

        StampLatency.Summary summary = StampLatency.Summary.of(latencies);

        assertThat(summary.count()).isEqualTo(20);
        assertThat(summary.median()).isEqualTo(1.0);
        assertThat(summary.p95()).isEqualTo(1.9);
        assertThat(summary.max()).isEqualTo(2.0);
    }
}
