package io.stride.backend.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.core.analytics.CountingLine;
import io.stride.core.analytics.Point;
import io.stride.core.evaluation.GroundTruthBox;
import io.stride.core.evaluation.TrackedBox;
import java.util.List;
import org.junit.jupiter.api.Test;

class MotLineCountCommandTest {

    private static final CountingLine DOOR = new CountingLine("door", new Point(0, 100), new Point(200, 100));

    @Test
    void countsTruthAndTrackerWithTheAnalyticsRulesAndPrintsTheirDifference() {
        // Truth: pedestrian 1 walks down across the door (anchor y 80 → 120: in); the static person (class 7)
        // and the zero-marked pedestrian cross too but are not targets. Tracker: the walker, but its id switches
        // mid-way, so the crossing is lost, and a false track crosses up (out).
        List<GroundTruthBox> gt = List.of(
                new GroundTruthBox(1, 1, 40, 20, 20, 60, true, 1), new GroundTruthBox(2, 1, 40, 60, 20, 60, true, 1),
                new GroundTruthBox(1, 2, 90, 20, 20, 60, true, 7), new GroundTruthBox(2, 2, 90, 60, 20, 60, true, 7),
                new GroundTruthBox(1, 3, 140, 20, 20, 60, false, 1),
                new GroundTruthBox(2, 3, 140, 60, 20, 60, false, 1));
        List<TrackedBox> tracks = List.of(new TrackedBox(1, 5, 40, 20, 20, 60), new TrackedBox(2, 6, 40, 60, 20, 60),
                new TrackedBox(1, 7, 170, 60, 20, 60), new TrackedBox(2, 7, 170, 20, 20, 60));

        assertThat(MotLineCountCommand.rows("SEQ", List.of(DOOR), gt, tracks))
                .containsExactly("| SEQ | door | 1 | 0 | 0 | 1 | -1 | +1 |");
    }

    @Test
    void readsLinesAsNameAndFourCoordinates() {
        assertThat(MotLineCountCommand.Arguments.line("door:0,100,200,100.5"))
                .isEqualTo(new CountingLine("door", new Point(0, 100), new Point(200, 100.5)));
        assertThatThrownBy(() -> MotLineCountCommand.Arguments.line("door:0,100,200"))
                .hasMessage("--line door:0,100,200: expected NAME:X1,Y1,X2,Y2");
    }
}
