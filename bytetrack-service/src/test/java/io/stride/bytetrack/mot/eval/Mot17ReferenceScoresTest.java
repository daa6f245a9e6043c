package io.stride.bytetrack.mot.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stride.bytetrack.mot.MotTextFile;
import io.stride.bytetrack.mot.SequenceInfo;
import io.stride.bytetrack.mot.SequenceTracking;
import io.stride.bytetrack.tracker.TrackerSettings;
import io.stride.core.evaluation.ClearCounts;
import io.stride.core.evaluation.IdentityCounts;
import io.stride.core.evaluation.MotChallengePreprocessing;
import io.stride.core.evaluation.MotChallengeText;
import io.stride.core.evaluation.TrackingScores;
import io.stride.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The evaluator against TrackEval on real data: ByteTrack (default settings) on MOT17-02 and -04's public
 * detections, scored here and by TrackEval's own algorithm.
 *
 * <p>The reference values were computed once, outside the repository: {@code scripts/mot_track.sh --out DIR
 * ../shared/mot17/MOT17-02-FRCNN ../shared/mot17/MOT17-04-FRCNN} wrote the same tracker output as
 * {@link SequenceTracking} does below, then a Python transcription of JonathonLuiten/TrackEval's
 * {@code MotChallenge2DBox.get_preprocessed_seq_data} ({@code trackeval/datasets/mot_challenge_2d_box.py} at
 * 0724d5c41997f8b2ec6b1639dd5cff174c6889c0), {@code _calculate_box_ious}, {@code HOTA.eval_sequence}
 * ({@code trackeval/metrics/hota.py} at 32656dbfb1c0fa30f9289298316b7634febbe644), {@code CLEAR.eval_sequence}
 * ({@code clear.py} at 0dc02636526a4a2296378ae79a3a8508e70d49d9) and {@code Identity.eval_sequence}
 * ({@code identity.py} at 2fa06800f449fe3d7e971ecd9d3423b8dd514dd4), with SciPy's {@code linear_sum_assignment},
 * numpy 2 ({@code np.float}/{@code np.int} read as {@code float}/{@code int}, nothing else changed), run as
 * {@code python3 reference.py gt/gt.txt MOT17-0X-FRCNN.txt SEQ_LENGTH} and printing the means over the 19
 * thresholds. HOTA, DetA, AssA and LocA must agree within 0.1 percentage points (the matching may break ties
 * differently from SciPy); the CLEAR and identity counts, which have no such freedom at IoU 0.5, exactly.
 */
class Mot17ReferenceScoresTest {

    private static final double PERCENTAGE_POINT_TENTH = 0.001;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // sequence,       HOTA,      DetA,      AssA,      LocA,      TP,    FN,    FP,  IDs, MT, ML, IDTP,  IDFN,  IDFP
        "MOT17-02-FRCNN, 33.618081, 29.351118, 38.630519, 87.932173, 6232,  12349, 162, 59,  7,  32, 4980,  13601, 1414",
        "MOT17-04-FRCNN, 52.969786, 48.243084, 58.283560, 90.400030, 25771, 21786, 36,  42,  15, 27, 22789, 24768, 3018",
    })
    void agreesWithTrackEval(String name, double hota, double detA, double assA, double locA, long tp, long fn,
                             long fp, long idSwitches, int mostlyTracked, int mostlyLost, long idtp, long idfn,
                             long idfp) throws IOException {
        TrackingScores scores = scoreByteTrack(name);

        assertThat(scores.hota().hota()).isCloseTo(hota / 100, within(PERCENTAGE_POINT_TENTH));
        assertThat(scores.hota().detA()).isCloseTo(detA / 100, within(PERCENTAGE_POINT_TENTH));
        assertThat(scores.hota().assA()).isCloseTo(assA / 100, within(PERCENTAGE_POINT_TENTH));
        assertThat(scores.hota().locA()).isCloseTo(locA / 100, within(PERCENTAGE_POINT_TENTH));
        ClearCounts clear = scores.clear();
        assertThat(List.of(clear.truePositives(), clear.falseNegatives(), clear.falsePositives(), clear.idSwitches()))
                .containsExactly(tp, fn, fp, idSwitches);
        assertThat(List.of(clear.mostlyTracked(), clear.mostlyLost())).containsExactly(mostlyTracked, mostlyLost);
        assertThat(scores.identity()).isEqualTo(new IdentityCounts(idtp, idfn, idfp));
    }

    private static TrackingScores scoreByteTrack(String name) throws IOException {
        Path sequence = SharedData.require("mot17/" + name + "/det/det.txt").getParent().getParent();
        SequenceInfo info = SequenceInfo.read(sequence.resolve("seqinfo.ini"));
        List<String> results = SequenceTracking.track(info, MotTextFile.read(sequence.resolve("det/det.txt")),
                TrackerSettings.defaults());
        return TrackingScores.of(MotChallengePreprocessing.prepare(
                MotChallengeText.groundTruth(Files.readAllLines(sequence.resolve("gt/gt.txt"))),
                MotChallengeText.tracks(results), info.length()));
    }
}
