package io.stride.backend.camera;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipelineLagTest {

    @Test
    void nothingInThePipelineIsNoLag() {
        assertThat(new PipelineLag().lagMicros(5_000_000, 0, 0)).isZero();
    }

    @Test
    void theLagRunsFromTheOldestFrameNotYetAnnotated() {
        var lag = new PipelineLag();
        lag.published(0, 0);
        lag.published(1, 40_000);
        lag.published(2, 80_000);

        assertThat(lag.lagMicros(120_000, 0, 0)).isEqualTo(120_000);
        assertThat(lag.lagMicros(120_000, 2, 0)).isEqualTo(40_000);
        assertThat(lag.lagMicros(120_000, 3, 0)).isZero();
    }

    @Test
    void underOverloadFewFramesCanBeFarBehind() {
        // A 60 fps source of which only every fifth picture is published: three frames in flight are 0.2 s each.
        var lag = new PipelineLag();
        lag.published(10, 1_000_000);
        lag.published(11, 1_200_000);
        lag.published(12, 1_400_000);

        assertThat(lag.lagMicros(1_600_000, 10, 0)).isEqualTo(600_000);
    }

    @Test
    void framesDenserThanThePipelinesRateWaitTheTimeItTakesToClearThem() {
        // 60 frames of one second of a 60 fps source, and a pipeline that annotates 30 a second: two seconds.
        var lag = new PipelineLag();
        lag.lagMicros(0, 0, 0);
        lag.lagMicros(0, 30, 10_000);
        lag.lagMicros(0, 60, 11_000);
        for (int frame = 60; frame < 120; frame++) {
            lag.published(frame, frame * 1_000_000L / 60);
        }

        assertThat(lag.lagMicros(2_000_000, 60, 11_000)).isEqualTo(2_000_000);
    }

    @Test
    void theRateRunsFromTheFirstChangeNotFromTheStartUp() {
        // Annotating began 5 s after the first frames: the first 30 frames came at once, not at 6 a second.
        var lag = new PipelineLag();
        lag.lagMicros(0, 0, 0);
        lag.lagMicros(0, 30, 5_000);
        for (int frame = 30; frame < 60; frame++) {
            lag.published(frame, 5_000_000);
        }

        assertThat(lag.lagMicros(5_000_000, 30, 5_000)).as("no rate yet: source time only").isZero();
        assertThat(lag.lagMicros(5_000_000, 45, 5_500)).as("15 frames in 0.5 s; 15 left")
                .isEqualTo(500_000);
    }

    @Test
    void theRateIsTheLastTwoSeconds() {
        var lag = new PipelineLag();
        lag.lagMicros(0, 0, 0);
        lag.lagMicros(0, 100, 1_000);
        lag.lagMicros(0, 200, 2_000); // 100 a second so far
        lag.lagMicros(0, 210, 3_000);
        lag.lagMicros(0, 220, 4_000); // then 10 a second
        for (int frame = 220; frame < 230; frame++) {
            lag.published(frame, 4_000_000);
        }

        assertThat(lag.lagMicros(4_000_000, 220, 4_000)).isEqualTo(1_000_000);
    }

    @Test
    void aPipelineThatStopsAnnotatingLooksEverSlower() {
        var lag = new PipelineLag();
        lag.lagMicros(0, 0, 0);
        lag.lagMicros(0, 10, 1_000);
        lag.lagMicros(0, 20, 2_000);
        lag.published(20, 2_000_000);

        assertThat(lag.lagMicros(2_000_000, 20, 2_000)).isEqualTo(100_000);
        assertThat(lag.lagMicros(2_000_000, 20, 12_000)).as("10 frames in 11 s since the base")
                .isEqualTo(1_100_000);
    }
}
