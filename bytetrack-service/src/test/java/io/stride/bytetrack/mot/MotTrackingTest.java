package io.stride.bytetrack.mot;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.bytetrack.tracker.TrackerSettings;
import io.stride.core.evaluation.MotChallengePreprocessing;
import io.stride.core.evaluation.MotChallengeText;
import io.stride.core.evaluation.TrackingScores;
import io.stride.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotTrackingTest {

    @TempDir
    Path dir;

    @Test
    void readsSeqinfo() throws IOException {
        Path ini = Files.writeString(dir.resolve("seqinfo.ini"),
                "[Sequence]\nname=MOT17-99-TEST\nimDir=img1\nframeRate=14\nseqLength=837\nimWidth=640\n");

        assertThat(SequenceInfo.read(ini)).isEqualTo(new SequenceInfo("MOT17-99-TEST", 14, 837));
    }

    @Test
    void readsSevenAndTenColumnRowsInFileOrderAndGroupsThemByFrame() throws IOException {
        Path det = Files.writeString(dir.resolve("det.txt"), """
                2,-1,10,20,30,60,0.9
                1,-1,1.5,2.5,3,4,0.25,-1,-1,-1

                1.0,7,5,6,7,8,1,1,0.5
                """);

        List<MotRow> rows = MotTextFile.read(det);

        assertThat(rows).containsExactly(
                new MotRow(2, -1, 10, 20, 30, 60, 0.9, MotRow.ABSENT, MotRow.ABSENT),
                new MotRow(1, -1, 1.5, 2.5, 3, 4, 0.25, -1, -1),
                new MotRow(1, 7, 5, 6, 7, 8, 1, 1, 0.5));
        assertThat(MotTextFile.byFrame(rows).keySet()).containsExactly(1, 2);
        assertThat(MotTextFile.byFrame(rows).get(1)).extracting(MotRow::id).containsExactly(-1, 7);
    }

    @Test
    void tracksUnsortedDetectionsFrameByFrame() {
        // Rows out of order, one walker moving 2 px a frame, and a frame (3) without detections.
        List<MotRow> detections = List.of(
                detection(2, 12, 0.9), detection(1, 10, 0.9), detection(4, 16, 0.9), detection(5, 18, 0.3));

        List<String> lines = SequenceTracking.track(new SequenceInfo("s", 30, 5), detections, TrackerSettings.defaults());

        // Born in the first frame: reported at once with the detection's own box; lost in frame 3 (not written),
        // found again in frame 4, kept in frame 5 by a low-score detection.
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("1,1,10.00,20.00,30.00,60.00,0.900,-1,-1,-1");
        assertThat(lines).extracting(line -> line.split(",")[0]).containsExactly("1", "2", "4", "5");
        assertThat(lines).allSatisfy(line -> assertThat(line.split(",")[1]).isEqualTo("1"));
        assertThat(lines.get(3)).endsWith(",0.300,-1,-1,-1");
    }

    @Test
    void theCommandWritesOneResultFilePerSequence() throws IOException {
        Path sequence = Files.createDirectories(dir.resolve("SEQ-01").resolve("det")).getParent();
        Files.writeString(sequence.resolve("seqinfo.ini"), "[Sequence]\nname=SEQ-01\nframeRate=30\nseqLength=2\n");
        Files.writeString(sequence.resolve("det").resolve("det.txt"), "1,-1,10,20,30,60,0.9\n2,-1,11,20,30,60,0.9\n");
        Path out = dir.resolve("out");

        MotTrackCommand.main(new String[] {"--out", out.toString(), "--track-thresh", "0.95", sequence.toString()});

        // With track-thresh 0.95 the 0.9 detections are low: nothing starts a track.
        assertThat(Files.readAllLines(out.resolve("SEQ-01.txt"))).isEmpty();
        MotTrackCommand.main(new String[] {"--out", out.toString(), sequence.toString()});
        assertThat(Files.readAllLines(out.resolve("SEQ-01.txt"))).hasSize(2);
    }

    /** A floor under the tracker's quality on real data (see docs/tracking.md for the full table). */
    @Test
    void tracksMot17PublicDetectionsWell() throws IOException {
        Path sequence = SharedData.require("mot17/MOT17-04-FRCNN/det/det.txt").getParent().getParent();
        SequenceInfo info = SequenceInfo.read(sequence.resolve("seqinfo.ini"));
        List<String> lines = SequenceTracking.track(info, MotTextFile.read(sequence.resolve("det/det.txt")),
                TrackerSettings.defaults());

        TrackingScores scores = TrackingScores.of(MotChallengePreprocessing.prepare(
                MotChallengeText.groundTruth(Files.readAllLines(sequence.resolve("gt/gt.txt"))),
                MotChallengeText.tracks(lines), info.length()));

        assertThat(scores.clear().truePositives() + scores.clear().falseNegatives()).isEqualTo(47557);
        assertThat(scores.clear().mota()).isGreaterThan(0.5);
        assertThat(scores.identity().idf1()).isGreaterThan(0.6);
        assertThat(scores.clear().idSwitches()).isLessThan(60);
    }

    private static MotRow detection(int frame, double x, double score) {
        return new MotRow(frame, -1, x, 20, 30, 60, score, MotRow.ABSENT, MotRow.ABSENT);
    }
}
