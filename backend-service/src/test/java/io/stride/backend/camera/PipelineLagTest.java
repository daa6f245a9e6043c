package io.stride.backend.camera;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipelineLagTest {

    @Test
    void nothingInThePipelineIsNoLag() {
        assertThat(new PipelineLag().lagMicros(5_000_000, 0)).isZero();
    }

    @Test
    void theLagRunsFromTheOldestFrameNotYetAnnotated() {
        var lag = new PipelineLag();
        lag.published(0, 0);
        lag.published(1, 40_000);
        lag.published(2, 80_000);

        assertThat(lag.lagMicros(120_000, 0)).isEqualTo(120_000);
        assertThat(lag.lagMicros(120_000, 2)).isEqualTo(40_000);
        assertThat(lag.lagMicros(120_000, 3)).isZero();
    }

    @Test
    void underOverloadFewFramesCanBeFarBehind() {
        // A 60 fps source of which only every fifth picture is published: three frames in flight are 0.2 s each.
        var lag = new PipelineLag();
        lag.published(10, 1_000_000);
        lag.published(11, 1_200_000);
        lag.published(12, 1_400_000);

        assertThat(lag.lagMicros(1_600_000, 10)).isEqualTo(600_000);
    }
}
