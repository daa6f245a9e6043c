package io.stride.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MotChallengeTextTest {

    @Test
    void readsGroundTruthInAnyOrderWithCommasOrSpacesSkippingBlankLines() {
        List<GroundTruthBox> rows = MotChallengeText.groundTruth(List.of(
                "2,7,10.5,20,30,60,1,1,0.8",
                "",
                "1.0 3 1 2 3 4 0 7 1",
                "1,4,5,6,7,8,0.4,1"));

        assertThat(rows).containsExactly(
                new GroundTruthBox(2, 7, 10.5, 20, 30, 60, true, 1),
                new GroundTruthBox(1, 3, 1, 2, 3, 4, false, 7),
                // A consider flag is a whole number to TrackEval: 0.4 is 0.
                new GroundTruthBox(1, 4, 5, 6, 7, 8, false, 1));
    }

    @Test
    void readsResultsFromSixColumnsOn() {
        assertThat(MotChallengeText.tracks(List.of("1,1,412.50,120.25,80.00,210.75,0.9123,-1,-1,-1", "2,1,1,2,3,4")))
                .containsExactly(new TrackedBox(1, 1, 412.5, 120.25, 80, 210.75), new TrackedBox(2, 1, 1, 2, 3, 4));
    }

    @Test
    void namesTheLineOfEachFault() {
        assertRefused(List.of("1,1,0,0,10,10,1,1", "", "2,1,0,0,10,10,1"), 3,
                "line 3: expected at least 8 columns, found 7");
        assertRefused(List.of("1,1,0,0,10,ten,1,1"), 1, "line 1: not a number: 'ten'");
        assertRefused(List.of("1,1.5,0,0,10,10,1,1"), 1, "line 1: not a whole number: '1.5'");
        assertRefused(List.of("0,1,0,0,10,10,1,1"), 1, "line 1: frame 0 is before the first frame (1)");
        assertRefused(List.of("1,1,0,0,-10,10,1,1"), 1, "line 1: the box has a negative width or height");
        assertRefused(List.of("1,1,0,0,10,10,1,14"), 1, "line 1: class 14 is not a MOTChallenge class (1..13)");
        assertRefused(List.of("1,1,0,0,10,10,1,1", "2,1,0,0,10,10,1,1", "1,1,5,5,10,10,1,1"), 3,
                "line 3: frame 1 has id 1 again (first on line 1)");
        assertThatThrownBy(() -> MotChallengeText.tracks(List.of("1,1,0,0,NaN,10")))
                .hasMessage("line 1: not a finite number: 'NaN'");
    }

    private static void assertRefused(List<String> lines, int lineNumber, String message) {
        assertThatThrownBy(() -> MotChallengeText.groundTruth(lines))
                .isInstanceOfSatisfying(MotChallengeFormatException.class,
                        e -> assertThat(e.lineNumber()).isEqualTo(lineNumber))
                .hasMessage(message);
    }
}
