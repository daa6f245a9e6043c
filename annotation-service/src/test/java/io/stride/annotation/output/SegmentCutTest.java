package io.stride.annotation.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SegmentCutTest {

    private final SegmentCut cut = new SegmentCut(Duration.ofSeconds(2));

    @Test
    void aFrameTheSegmentsLengthOrMoreAfterItsStartStartsTheNextOne() {
        assertThat(cut.startsNewSegment(5_000_000, 5_000_000)).isFalse();
        assertThat(cut.startsNewSegment(5_000_000, 6_999_999)).isFalse();
        assertThat(cut.startsNewSegment(5_000_000, 7_000_000)).isTrue();
        assertThat(cut.startsNewSegment(5_000_000, 60_000_000)).as("after a gap in the source").isTrue();
    }

    @Test
    void theCutFollowsTimeNotFrameCount() {
        // 30 fps for a second, then 2 fps stills: the same 2 s of time either way.
        long start = 0;
        assertThat(cut.startsNewSegment(start, 29 * 33_333L)).isFalse();
        assertThat(cut.startsNewSegment(start, 1_500_000)).isFalse();
        assertThat(cut.startsNewSegment(start, 2_000_000)).isTrue();
    }

    @Test
    void aTimeBeforeTheSegmentsStartNeverCutsIt() {
        assertThat(cut.startsNewSegment(5_000_000, 4_000_000)).isFalse();
    }

    @Test
    void aSegmentMustLastLongerThanZero() {
        assertThatThrownBy(() -> new SegmentCut(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
