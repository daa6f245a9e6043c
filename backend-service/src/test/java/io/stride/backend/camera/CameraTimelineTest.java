package io.stride.backend.camera;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CameraTimelineTest {

    private static final long START = 1_700_000_000_000L;

    @Test
    void aConnectionsTimesAreTheSourcesRelativeToItsFirstPictureOffsetByWhenItBegan() {
        var timeline = new CameraTimeline(START);
        timeline.connected(START + 250);

        assertThat(timeline.framePts(90_000_000)).isEqualTo(250_000);
        assertThat(timeline.framePts(90_040_000)).isEqualTo(290_000);
        assertThat(timeline.framePts(90_080_000)).isEqualTo(330_000);
    }

    @Test
    void placeholdersTakeWallTimeAndAReconnectionGoesOnFromWhenItBegan() {
        var timeline = new CameraTimeline(START);
        timeline.connected(START);
        assertThat(timeline.framePts(5_000)).isEqualTo(0);
        assertThat(timeline.framePts(45_000)).isEqualTo(40_000);

        assertThat(timeline.placeholderPts(START + 3_000)).isEqualTo(3_000_000);
        assertThat(timeline.placeholderPts(START + 3_500)).isEqualTo(3_500_000);

        timeline.connected(START + 4_000);
        assertThat(timeline.framePts(0)).isEqualTo(4_000_000);
        assertThat(timeline.framePts(40_000)).isEqualTo(4_040_000);
    }

    @Test
    void timesNeverGoBackEvenWhenTheSourceDoesOrRanAheadOfTheWallClock() {
        var timeline = new CameraTimeline(START);
        timeline.connected(START);
        assertThat(timeline.framePts(0)).isEqualTo(0);
        assertThat(timeline.framePts(10_000_000)).isEqualTo(10_000_000); // a file read faster than real time
        assertThat(timeline.framePts(5_000_000)).isEqualTo(10_000_001); // the source jumped back

        timeline.connected(START + 2_000); // the wall clock is behind the last frame's time
        assertThat(timeline.framePts(0)).isEqualTo(10_000_002);
        assertThat(timeline.framePts(40_000)).as("at the source's pace after it").isEqualTo(10_040_002);
        assertThat(timeline.placeholderPts(START + 3_000)).isEqualTo(10_040_003);
    }

    @Test
    void aConnectionsPicturesComeAfterThePlaceholdersShownWhileItWasMadeAtTheirOwnPace() {
        var timeline = new CameraTimeline(START);
        timeline.connected(START);
        assertThat(timeline.framePts(0)).isEqualTo(0);

        timeline.connected(START + 12_000);
        assertThat(timeline.placeholderPts(START + 12_500)).isEqualTo(12_500_000);
        assertThat(timeline.placeholderPts(START + 13_000)).isEqualTo(13_000_000);
        assertThat(timeline.framePts(7_000_000)).isEqualTo(13_000_001);
        assertThat(timeline.framePts(7_033_000)).isEqualTo(13_033_001);
        assertThat(timeline.framePts(7_066_000)).isEqualTo(13_066_001);
    }
}
