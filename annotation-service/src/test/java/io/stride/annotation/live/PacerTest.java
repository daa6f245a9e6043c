package io.stride.annotation.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {

    private static final long MS = 1_000_000L;

    @Test
    void holdsPacketsThatComeEarlyUntilTheirPresentationTime() {
        var pacer = new Pacer();
        assertThat(pacer.delayNanos(0.0, 1_000 * MS)).isZero();
        assertThat(pacer.delayNanos(0.040, 1_010 * MS)).isEqualTo(30 * MS);
        assertThat(pacer.delayNanos(0.080, 1_040 * MS)).isEqualTo(40 * MS);
    }

    @Test
    void sendsLatePacketsAtOnceAndKeepsTheSpacingAfterThem() {
        var pacer = new Pacer();
        pacer.delayNanos(0.0, 1_000 * MS);
        // The pipeline stalled: frame 2 (due at 1080 ms) arrives at 1500 ms.
        assertThat(pacer.delayNanos(0.080, 1_500 * MS)).isZero();
        // Frame 3 is due 40 ms after frame 2 went out, not at its original 1120 ms.
        assertThat(pacer.delayNanos(0.120, 1_505 * MS)).isEqualTo(35 * MS);
    }
}
