package io.stride.bytetrack.mot.eval;

import io.stride.bytetrack.mot.SequenceInfo;
import io.stride.core.evaluation.GroundTruthBox;
import io.stride.core.evaluation.MotChallengePreprocessing;
import io.stride.core.evaluation.MotChallengeText;
import io.stride.core.evaluation.TrackedBox;
import io.stride.core.evaluation.TrackingScores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores MOTChallenge result files against ground truth: for each sequence folder ({@code seqinfo.ini},
 * {@code gt/gt.txt}) reads {@code <results>/<sequence name>.txt} and prints HOTA, CLEAR-MOT and identity scores
 * ({@code io.stride.core.evaluation}) as a Markdown table, one row per sequence and a combined row. Run through
 * {@code scripts/mot_eval.sh}.
 */
public final class MotEvalCommand {

    private static final String USAGE = "usage: mot_eval.sh RESULTS_DIR SEQUENCE_DIR...\n";

    private MotEvalCommand() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args[0].startsWith("--")) {
            System.err.print(USAGE);
            System.exit(args.length == 1 && "--help".equals(args[0]) ? 0 : 2);
            return;
        }
        Path results = Path.of(args[0]);
        System.out.println(ScoreTable.HEADER);
        TrackingScores combined = null;
        for (int i = 1; i < args.length; i++) {
            Path folder = Path.of(args[i]);
            SequenceInfo info = SequenceInfo.read(folder.resolve("seqinfo.ini"));
            TrackingScores scores = score(folder.resolve("gt").resolve("gt.txt"),
                    results.resolve(info.name() + ".txt"), info.length());
            System.out.println(ScoreTable.row(info.name(), scores));
            combined = combined == null ? scores : combined.plus(scores);
        }
        if (args.length > 2) {
            System.out.println(ScoreTable.row("COMBINED", combined));
        }
    }

    /** One sequence's scores from its ground truth and a tracker's result file. */
    static TrackingScores score(Path groundTruthFile, Path resultFile, int length) throws IOException {
        if (!Files.exists(resultFile)) {
            throw new IllegalArgumentException("no result file " + resultFile);
        }
        List<GroundTruthBox> groundTruth = read(groundTruthFile, MotChallengeText::groundTruth);
        List<TrackedBox> tracks = read(resultFile, MotChallengeText::tracks);
        return TrackingScores.of(MotChallengePreprocessing.prepare(groundTruth, tracks, length));
    }

    private static <T> List<T> read(Path file, java.util.function.Function<List<String>, List<T>> parser)
            throws IOException {
        try {
            return parser.apply(Files.readAllLines(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
