package io.stride.bytetrack.mot.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stride.bytetrack.mot.MotRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tiny hand-made sequences whose scores are worked out by hand in each test's comments. */
class MotEvaluationTest {

    private static final double EXACT = 1e-12;
    private static final int PEDESTRIAN = 1;
    private static final int STATIC_PERSON = 7;
    private static final int OCCLUDER = 9;

    @Test
    void perfectTrackingScoresOneEverywhere() {
        List<MotRow> gt = new ArrayList<>();
        List<MotRow> tracks = new ArrayList<>();
        for (int frame = 1; frame <= 3; frame++) {
            gt.add(target(frame, 1, 0, 0, 10, 20));
            gt.add(target(frame, 2, 50, 0, 10, 20));
            tracks.add(track(frame, 10, 0, 0, 10, 20));
            tracks.add(track(frame, 20, 50, 0, 10, 20));
        }

        SequenceScores scores = evaluate(gt, tracks, 3);

        assertThat(scores.clear()).isEqualTo(new ClearCounts(6, 0, 0, 0, 0, 2, 0, 0, 6));
        assertThat(scores.identity()).isEqualTo(new IdentityCounts(6, 0, 0));
        assertThat(scores.clear().mota()).isEqualTo(1);
        assertThat(scores.clear().motp()).isEqualTo(1);
        assertThat(scores.identity().idf1()).isEqualTo(1);
    }

    @Test
    void aSwitchAMissAndAFalsePositive() {
        // One target over 4 frames. Tracker: id 5 on frames 1-2, nothing on it in frame 3 (a far-off box id 7
        // instead), id 6 from frame 4.
        List<MotRow> gt = new ArrayList<>();
        for (int frame = 1; frame <= 4; frame++) {
            gt.add(target(frame, 1, 0, 0, 10, 10));
        }
        List<MotRow> tracks = List.of(
                track(1, 5, 0, 0, 10, 10),
                track(2, 5, 0, 0, 10, 10),
                track(3, 7, 100, 100, 10, 10),
                track(4, 6, 0, 0, 10, 10));

        SequenceScores scores = evaluate(gt, tracks, 4);

        // TP 3, FN 1 (frame 3), FP 1 (id 7), one switch 5 → 6, tracking resumed once (Frag 1), matched 3 of 4
        // frames = 75 %: partly tracked.
        assertThat(scores.clear()).isEqualTo(new ClearCounts(3, 1, 1, 1, 1, 0, 1, 0, 3));
        assertThat(scores.clear().mota()).isEqualTo((3 - 1 - 1) / 4.0);
        // Target 1 is best paired with id 5 (2 frames): IDTP 2, IDFN 4 − 2, IDFP 4 tracker boxes − 2.
        assertThat(scores.identity()).isEqualTo(new IdentityCounts(2, 2, 2));
        assertThat(scores.identity().idf1()).isEqualTo(2 / (2 + 0.5 * 2 + 0.5 * 2));
        assertThat(scores.identity().idPrecision()).isEqualTo(0.5);
        assertThat(scores.identity().idRecall()).isEqualTo(0.5);
    }

    @Test
    void aFrameWithoutAnyTrackerBoxDoesNotInterruptTrackingForFragmentation() {
        // As TrackEval: frame 3 has no tracker box at all, so it is skipped for the "tracked last frame" state.
        List<MotRow> gt = new ArrayList<>();
        for (int frame = 1; frame <= 4; frame++) {
            gt.add(target(frame, 1, 0, 0, 10, 10));
        }
        List<MotRow> tracks = List.of(track(1, 5, 0, 0, 10, 10), track(2, 5, 0, 0, 10, 10),
                track(4, 5, 0, 0, 10, 10));

        ClearCounts clear = evaluate(gt, tracks, 4).clear();

        assertThat(clear.fragmentations()).isZero();
        assertThat(clear.falseNegatives()).isEqualTo(1);
        assertThat(clear.idSwitches()).isZero();
    }

    @Test
    void matchesNeedHalfTheUnionAndMotpAveragesTheirIou() {
        // Frame 1: a 10×5 box on a 10×10 target, IoU 50/100 = 0.5, a match. Frame 2: 10×4, IoU 0.4, a miss and a FP.
        List<MotRow> gt = List.of(target(1, 1, 0, 0, 10, 10), target(2, 1, 0, 0, 10, 10));
        List<MotRow> tracks = List.of(track(1, 1, 0, 0, 10, 5), track(2, 1, 0, 0, 10, 4));

        SequenceScores scores = evaluate(gt, tracks, 2);

        assertThat(scores.clear()).isEqualTo(new ClearCounts(1, 1, 1, 0, 0, 0, 1, 0, 0.5));
        assertThat(scores.clear().mota()).isZero();
        assertThat(scores.clear().motp()).isEqualTo(0.5);
        assertThat(scores.identity()).isEqualTo(new IdentityCounts(1, 1, 1));
        assertThat(scores.identity().idf1()).isEqualTo(0.5);
    }

    @Test
    void lastFramesPairsAreKeptOverAHigherIouSwap() {
        // Frame 2 swaps the tracker boxes: by IoU alone both targets would switch (1 + 1 > 2/3 + 2/3), but
        // continuing frame 1's pairs is preferred, so no switch; MOTP (1 + 1 + 2/3 + 2/3) / 4.
        List<MotRow> gt = List.of(
                target(1, 1, 0, 0, 10, 10), target(1, 2, 2, 0, 10, 10),
                target(2, 1, 0, 0, 10, 10), target(2, 2, 2, 0, 10, 10));
        List<MotRow> tracks = List.of(
                track(1, 1, 0, 0, 10, 10), track(1, 2, 2, 0, 10, 10),
                track(2, 1, 2, 0, 10, 10), track(2, 2, 0, 0, 10, 10));

        ClearCounts clear = evaluate(gt, tracks, 2).clear();

        assertThat(clear.idSwitches()).isZero();
        assertThat(clear.truePositives()).isEqualTo(4);
        assertThat(clear.motp()).isCloseTo((2 + 4.0 / 3) / 4, within(EXACT));
    }

    @Test
    void distractorsAreIgnoredButOccludersAndUnconsideredPedestriansAreNot() {
        List<MotRow> gt = List.of(
                target(1, 1, 0, 0, 10, 20),
                row(1, 2, 100, 0, 10, 20, 0, STATIC_PERSON),
                row(1, 3, 200, 0, 10, 20, 0, OCCLUDER),
                row(1, 4, 300, 0, 10, 20, 0, PEDESTRIAN));
        List<MotRow> tracks = List.of(
                track(1, 1, 0, 0, 10, 20),
                track(1, 2, 100, 0, 10, 20),
                track(1, 3, 200, 0, 10, 20),
                track(1, 4, 300, 0, 10, 20));

        EvaluationSequence sequence = MotChallengePreprocessing.prepare(gt, tracks, 1);
        ClearCounts clear = ClearMetrics.evaluate(sequence);

        // The box on the static person is dropped; those on the occluder and the flag-0 pedestrian stay as FP.
        assertThat(sequence.gtDetections()).isEqualTo(1);
        assertThat(sequence.trackDetections()).isEqualTo(3);
        assertThat(clear.truePositives()).isEqualTo(1);
        assertThat(clear.falsePositives()).isEqualTo(2);
        assertThat(clear.falseNegatives()).isZero();
    }

    @Test
    void noResultsMissEverything() {
        List<MotRow> gt = List.of(target(1, 1, 0, 0, 10, 10), target(2, 1, 0, 0, 10, 10), target(2, 2, 50, 0, 10, 10));

        SequenceScores scores = evaluate(gt, List.of(), 2);

        assertThat(scores.clear()).isEqualTo(new ClearCounts(0, 3, 0, 0, 0, 0, 0, 2, 0));
        assertThat(scores.identity()).isEqualTo(new IdentityCounts(0, 3, 0));
        assertThat(scores.clear().mota()).isZero();
    }

    @Test
    void sequencesCombineBySummingCounts() {
        SequenceScores a = new SequenceScores("a", new ClearCounts(3, 1, 1, 1, 1, 0, 1, 0, 3),
                new IdentityCounts(2, 2, 2));
        SequenceScores b = new SequenceScores("b", new ClearCounts(1, 1, 1, 0, 0, 0, 1, 0, 0.5),
                new IdentityCounts(1, 1, 1));

        SequenceScores combined = a.plus("all", b);

        // MOTA (4 − 2 − 1) / 6, not the mean of 0.25 and 0.
        assertThat(combined.clear().mota()).isEqualTo(1 / 6.0);
        assertThat(combined.clear().motp()).isEqualTo(3.5 / 4);
        assertThat(combined.identity().idf1()).isEqualTo(3 / (3 + 1.5 + 1.5));
        assertThat(combined.tableRow()).isEqualTo("| all | 16.7 | 87.5 | 50.0 | 50.0 | 50.0 | 1 | 1 | 2 | 2 | 0 | 0 |");
    }

    @Test
    void rejectsResultsOutsideTheSequenceAndRepeatedIds() {
        List<MotRow> gt = List.of(target(1, 1, 0, 0, 10, 10));

        assertThatThrownBy(() -> MotChallengePreprocessing.prepare(gt, List.of(track(3, 1, 0, 0, 10, 10)), 2))
                .hasMessageContaining("outside 1..2");
        assertThatThrownBy(() -> MotChallengePreprocessing.prepare(gt,
                List.of(track(1, 1, 0, 0, 10, 10), track(1, 1, 20, 0, 10, 10)), 2))
                .hasMessageContaining("id 1 twice");
    }

    private static SequenceScores evaluate(List<MotRow> gt, List<MotRow> tracks, int length) {
        return SequenceScores.of("test", MotChallengePreprocessing.prepare(gt, tracks, length));
    }

    private static MotRow target(int frame, int id, double x, double y, double w, double h) {
        return row(frame, id, x, y, w, h, 1, PEDESTRIAN);
    }

    private static MotRow row(int frame, int id, double x, double y, double w, double h, int consider, int cls) {
        return new MotRow(frame, id, x, y, w, h, consider, cls, 1);
    }

    private static MotRow track(int frame, int id, double x, double y, double w, double h) {
        return new MotRow(frame, id, x, y, w, h, 1, -1, -1);
    }
}
