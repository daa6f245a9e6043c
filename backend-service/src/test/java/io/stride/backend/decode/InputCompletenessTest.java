package io.stride.backend.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputCompletenessTest {

    private static final long TEN_SECONDS = 10_477_000;

    @Test
    void aFileCutShortIsReportedWithWhatWasDecoded() {
        assertThat(InputCompleteness.warning(20, 667_000, 314, TEN_SECONDS))
                .contains("input truncated or damaged: decoded 20 of 314 frames (0.7 s of 10.5 s)");
    }

    @Test
    void aWholeFileIsNot() {
        assertThat(InputCompleteness.warning(314, TEN_SECONDS, 314, TEN_SECONDS)).isEmpty();
    }

    @Test
    void aFrameCountThatWasOnlyAnEstimateIsNotTakenForTruncationWhenTheDurationIsWhole() {
        // Variable frame rate: the container's count is duration times the average rate.
        assertThat(InputCompleteness.warning(250, TEN_SECONDS - 40_000, 314, TEN_SECONDS)).isEmpty();
    }

    @Test
    void shortfallsWithinTheToleranceAreNot() {
        assertThat(InputCompleteness.warning(313, TEN_SECONDS - 33_000, 314, TEN_SECONDS)).as("one frame").isEmpty();
        assertThat(InputCompleteness.warning(300, 9_600_000, 314, TEN_SECONDS)).as("4.5 %").isEmpty();
        assertThat(InputCompleteness.warning(298, 9_500_000, 314, TEN_SECONDS)).as("5.1 %").isPresent();
    }

    @Test
    void withoutADeclaredDurationTheFrameCountDecides() {
        assertThat(InputCompleteness.warning(20, 667_000, 314, -1))
                .contains("input truncated or damaged: decoded 20 of 314 frames");
        assertThat(InputCompleteness.warning(20, 667_000, 0, -1)).as("nothing declared").isEmpty();
    }
}
