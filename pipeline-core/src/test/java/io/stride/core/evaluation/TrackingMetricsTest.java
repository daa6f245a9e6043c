package io.stride.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tiny hand-made sequences whose scores (CLEAR, identity, HOTA) are worked out by hand in each test's comments. */
class TrackingMetricsTest {

    private static final double EXACT = 1e-12;
    private static final int PEDESTRIAN = 1;
    private static final int STATIC_PERSON = 7;
    private static final int OCCLUDER = 9;

    @Test
    void perfectTrackingScoresOneEverywhere() {
        TrackingScores scores = evaluate(perfectTargets(), perfectTracks(), 3);

        assertThat(scores.clear()).isEqualTo(new ClearCounts(6, 0, 0, 0, 0, 2, 0, 0, 6));
        assertThat(scores.identity()).isEqualTo(new IdentityCounts(6, 0, 0));
        assertThat(scores.clear().mota()).isEqualTo(1);
        assertThat(scores.clear().motp()).isEqualTo(1);
        assertThat(scores.identity().idf1()).isEqualTo(1);
    }

    @Test
    void aSwitchAMissAndAFalsePositive() {
        TrackingScores scores = evaluate(switchingTarget(), switchingTracks(), 4);

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
        List<GroundTruthBox> gt = new ArrayList<>();
        for (int frame = 1; frame <= 4; frame++) {
            gt.add(target(frame, 1, 0, 0, 10, 10));
        }
        List<TrackedBox> tracks = List.of(track(1, 5, 0, 0, 10, 10), track(2, 5, 0, 0, 10, 10),
                track(4, 5, 0, 0, 10, 10));

        ClearCounts clear = evaluate(gt, tracks, 4).clear();

        assertThat(clear.fragmentations()).isZero();
        assertThat(clear.falseNegatives()).isEqualTo(1);
        assertThat(clear.idSwitches()).isZero();
    }

    @Test
    void matchesNeedHalfTheUnionAndMotpAveragesTheirIou() {
        // Frame 1: a 10×5 box on a 10×10 target, IoU 50/100 = 0.5, a match. Frame 2: 10×4, IoU 0.4, a miss and a FP.
        List<GroundTruthBox> gt = List.of(target(1, 1, 0, 0, 10, 10), target(2, 1, 0, 0, 10, 10));
        List<TrackedBox> tracks = List.of(track(1, 1, 0, 0, 10, 5), track(2, 1, 0, 0, 10, 4));

        TrackingScores scores = evaluate(gt, tracks, 2);

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
        List<GroundTruthBox> gt = List.of(
                target(1, 1, 0, 0, 10, 10), target(1, 2, 2, 0, 10, 10),
                target(2, 1, 0, 0, 10, 10), target(2, 2, 2, 0, 10, 10));
        List<TrackedBox> tracks = List.of(
                track(1, 1, 0, 0, 10, 10), track(1, 2, 2, 0, 10, 10),
                track(2, 1, 2, 0, 10, 10), track(2, 2, 0, 0, 10, 10));

        ClearCounts clear = evaluate(gt, tracks, 2).clear();

        assertThat(clear.idSwitches()).isZero();
        assertThat(clear.truePositives()).isEqualTo(4);
        assertThat(clear.motp()).isCloseTo((2 + 4.0 / 3) / 4, within(EXACT));
    }

    @Test
    void distractorsAreIgnoredButOccludersAndUnconsideredPedestriansAreNot() {
        List<GroundTruthBox> gt = List.of(
                target(1, 1, 0, 0, 10, 20),
                row(1, 2, 100, 0, 10, 20, 0, STATIC_PERSON),
                row(1, 3, 200, 0, 10, 20, 0, OCCLUDER),
                row(1, 4, 300, 0, 10, 20, 0, PEDESTRIAN));
        List<TrackedBox> tracks = List.of(
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
        List<GroundTruthBox> gt = List.of(target(1, 1, 0, 0, 10, 10), target(2, 1, 0, 0, 10, 10),
                target(2, 2, 50, 0, 10, 10));

        TrackingScores scores = evaluate(gt, List.of(), 2);

        assertThat(scores.clear()).isEqualTo(new ClearCounts(0, 3, 0, 0, 0, 0, 0, 2, 0));
        assertThat(scores.identity()).isEqualTo(new IdentityCounts(0, 3, 0));
        assertThat(scores.clear().mota()).isZero();
    }

    @Test
    void sequencesCombineBySummingCounts() {
        TrackingScores a = evaluate(switchingTarget(), switchingTracks(), 4);
        TrackingScores b = evaluate(perfectTargets(), perfectTracks(), 3);

        TrackingScores combined = a.plus(b);

        // MOTA (9 − 1 − 1) / 10, not the mean of 0.25 and 1; IDF1 8 / (8 + 1 + 1).
        assertThat(combined.clear().mota()).isEqualTo(7 / 10.0);
        assertThat(combined.identity().idf1()).isEqualTo(8 / 10.0);
        // HOTA at every threshold: TP 3 + 6, FN 1, FP 1; association sums 1.25 + 6 over 9 matches (TrackEval's
        // TP-weighted mean of the two AssA).
        assertThat(combined.hota().detA()).isCloseTo(9 / 11.0, within(EXACT));
        assertThat(combined.hota().assA()).isCloseTo(7.25 / 9, within(EXACT));
        assertThat(combined.hota().hota()).isCloseTo(Math.sqrt(7.25 / 11), within(EXACT));
    }

    @Test
    void hotaIsOneForPerfectTracking() {
        HotaCounts hota = evaluate(perfectTargets(), perfectTracks(), 3).hota();

        assertThat(hota.hota()).isCloseTo(1, within(EXACT));
        assertThat(hota.detA()).isCloseTo(1, within(EXACT));
        assertThat(hota.assA()).isCloseTo(1, within(EXACT));
        assertThat(hota.locA()).isCloseTo(1, within(EXACT));
    }

    @Test
    void hotaOfASwitchAMissAndAFalsePositive() {
        HotaCounts hota = evaluate(switchingTarget(), switchingTracks(), 4).hota();

        // Every match has IoU 1, so all 19 thresholds agree: TP 3, FN 1, FP 1, DetA 3/5. Target 1 (4 boxes) shares
        // 2 matches with id 5 (2 boxes): pair accuracy 2 / (4 + 2 − 2) = 1/2, and 1 with id 6 (1 box): 1 / (4 + 1 − 1)
        // = 1/4. AssA (2 · 1/2 + 1 · 1/4) / 3 = 5/12, HOTA √(3/5 · 5/12) = 1/2.
        for (int alpha = 0; alpha < HotaMetrics.ALPHAS.size(); alpha++) {
            assertThat(hota.truePositives()[alpha]).isEqualTo(3);
            assertThat(hota.falseNegatives()[alpha]).isEqualTo(1);
            assertThat(hota.falsePositives()[alpha]).isEqualTo(1);
        }
        assertThat(hota.detA()).isCloseTo(0.6, within(EXACT));
        assertThat(hota.assA()).isCloseTo(5 / 12.0, within(EXACT));
        assertThat(hota.hota()).isCloseTo(0.5, within(EXACT));
        assertThat(hota.locA()).isCloseTo(1, within(EXACT));
    }

    @Test
    void hotaAveragesOverLocalisationThresholdsWhereClearUsesOnlyOneHalf() {
        // A 10×10 target in two frames, tracked by one id with IoU 0.62 (a 10×6.2 box) and then 0.32 (10×3.2).
        List<GroundTruthBox> gt = List.of(target(1, 1, 0, 0, 10, 10), target(2, 1, 0, 0, 10, 10));
        List<TrackedBox> tracks = List.of(track(1, 1, 0, 0, 10, 6.2), track(2, 1, 0, 0, 10, 3.2));

        TrackingScores scores = evaluate(gt, tracks, 2);

        // CLEAR and ID at IoU 0.5: frame 1 matches, frame 2 is a miss and a false positive.
        assertThat(scores.clear().mota()).isZero();
        assertThat(scores.identity().idf1()).isEqualTo(0.5);
        // The id pair overlaps wherever both are, so its alignment is 1 and the boxes are matched in both frames.
        // α 0.05–0.30 (6 thresholds): both matches count, DetA = AssA = HOTA = 1, LocA (0.62 + 0.32) / 2.
        // α 0.35–0.60 (6): only frame 1, TP 1 FN 1 FP 1: DetA 1/3, pair accuracy 1 / (2 + 2 − 1) = 1/3 = AssA = HOTA,
        // LocA 0.62. α 0.65–0.95 (7): nothing matches, HOTA 0, LocA 1 (TrackEval's value without matches).
        HotaCounts hota = scores.hota();
        assertThat(hota.hota()).isCloseTo((6 + 6 / 3.0) / 19, within(EXACT));
        assertThat(hota.detA()).isCloseTo((6 + 6 / 3.0) / 19, within(EXACT));
        assertThat(hota.assA()).isCloseTo((6 + 6 / 3.0) / 19, within(EXACT));
        assertThat(hota.locA()).isCloseTo((6 * 0.47 + 6 * 0.62 + 7) / 19, within(1e-9));
        assertThat(hota.hota(5)).isCloseTo(1, within(EXACT));
        assertThat(hota.hota(6)).isCloseTo(1 / 3.0, within(EXACT));
        assertThat(hota.hota(12)).isZero();
    }

    @Test
    void hotaSharesAnAmbiguousOverlapBetweenTheIdsItTouches() {
        // Frame 1: target 1 under tracker ids 1 and 2 at once, both IoU 1 (identical boxes). Frame 2: only id 2.
        // Potential matches: frame 1 gives each pair 1 / (2 + 1 − 1) = 1/2, frame 2 gives (1, 2) another 1, so
        // alignment (1, 1) = 0.5 / (2 + 1 − 0.5) = 0.2 and (1, 2) = 1.5 / (2 + 2 − 1.5) = 0.6: frame 1 matches id 2.
        List<GroundTruthBox> gt = List.of(target(1, 1, 0, 0, 10, 10), target(2, 1, 0, 0, 10, 10));
        List<TrackedBox> tracks = List.of(track(1, 1, 0, 0, 10, 10), track(1, 2, 0, 0, 10, 10),
                track(2, 2, 0, 0, 10, 10));

        HotaCounts hota = evaluate(gt, tracks, 2).hota();

        // TP 2, FN 0, FP 1 (id 1): DetA 2/3; pair (1, 2) matched twice of 2 + 2 boxes: 2 / (4 − 2) = 1 = AssA.
        assertThat(hota.detA()).isCloseTo(2 / 3.0, within(EXACT));
        assertThat(hota.assA()).isCloseTo(1, within(EXACT));
        assertThat(hota.hota()).isCloseTo(Math.sqrt(2 / 3.0), within(EXACT));
    }

    @Test
    void noGroundTruthMakesEveryTrackerBoxAFalsePositive() {
        TrackingScores scores = evaluate(List.of(), List.of(track(1, 1, 0, 0, 10, 10)), 1);

        assertThat(scores.clear().falsePositives()).isEqualTo(1);
        assertThat(scores.identity()).isEqualTo(new IdentityCounts(0, 0, 1));
        assertThat(scores.hota().hota()).isZero();
        assertThat(scores.hota().locA()).isEqualTo(1);
    }

    @Test
    void rejectsResultsOutsideTheSequenceAndRepeatedIds() {
        List<GroundTruthBox> gt = List.of(target(1, 1, 0, 0, 10, 10));

        assertThatThrownBy(() -> MotChallengePreprocessing.prepare(gt, List.of(track(3, 1, 0, 0, 10, 10)), 2))
                .hasMessageContaining("outside 1..2");
        assertThatThrownBy(() -> MotChallengePreprocessing.prepare(gt,
                List.of(track(1, 1, 0, 0, 10, 10), track(1, 1, 20, 0, 10, 10)), 2))
                .hasMessageContaining("id 1 twice");
    }

    /** Two targets over 3 frames, each tracked exactly by one id throughout. */
    private static List<GroundTruthBox> perfectTargets() {
        List<GroundTruthBox> gt = new ArrayList<>();
        for (int frame = 1; frame <= 3; frame++) {
            gt.add(target(frame, 1, 0, 0, 10, 20));
            gt.add(target(frame, 2, 50, 0, 10, 20));
        }
        return gt;
    }

    private static List<TrackedBox> perfectTracks() {
        List<TrackedBox> tracks = new ArrayList<>();
        for (int frame = 1; frame <= 3; frame++) {
            tracks.add(track(frame, 10, 0, 0, 10, 20));
            tracks.add(track(frame, 20, 50, 0, 10, 20));
        }
        return tracks;
    }

    /** One target over 4 frames, tracked by id 5 in frames 1–2 and id 6 in frame 4, with id 7 far off in frame 3. */
    private static List<GroundTruthBox> switchingTarget() {
        List<GroundTruthBox> gt = new ArrayList<>();
        for (int frame = 1; frame <= 4; frame++) {
            gt.add(target(frame, 1, 0, 0, 10, 10));
        }
        return gt;
    }

    private static List<TrackedBox> switchingTracks() {
        return List.of(track(1, 5, 0, 0, 10, 10), track(2, 5, 0, 0, 10, 10), track(3, 7, 100, 100, 10, 10),
                track(4, 6, 0, 0, 10, 10));
    }

    private static TrackingScores evaluate(List<GroundTruthBox> gt, List<TrackedBox> tracks, int length) {
        return TrackingScores.of(MotChallengePreprocessing.prepare(gt, tracks, length));
    }

    private static GroundTruthBox target(int frame, int id, double x, double y, double w, double h) {
        return row(frame, id, x, y, w, h, 1, PEDESTRIAN);
    }

    private static GroundTruthBox row(int frame, int id, double x, double y, double w, double h, int consider,
                                      int cls) {
        return new GroundTruthBox(frame, id, x, y, w, h, consider != 0, cls);
    }

    private static TrackedBox track(int frame, int id, double x, double y, double w, double h) {
        return new TrackedBox(frame, id, x, y, w, h);
    }
}
