package io.stride.bytetrack.mot.eval;

import io.stride.bytetrack.mot.MotRow;
import io.stride.bytetrack.mot.MotTextFile;
import io.stride.bytetrack.mot.SequenceInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores MOTChallenge result files against ground truth: for each sequence folder ({@code seqinfo.ini},
 * {@code gt/gt.txt}) reads {@code <results>/<sequence name>.txt} and prints CLEAR-MOT and identity scores as a
 * Markdown table, one row per sequence and a combined row. Run through {@code scripts/mot_eval.sh}.
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
        System.out.println(SequenceScores.TABLE_HEADER);
        SequenceScores combined = null;
        for (int i = 1; i < args.length; i++) {
            Path folder = Path.of(args[i]);
            SequenceInfo info = SequenceInfo.read(folder.resolve("seqinfo.ini"));
            Path resultFile = results.resolve(info.name() + ".txt");
            if (!Files.exists(resultFile)) {
                throw new IllegalArgumentException("no result file " + resultFile);
            }
            List<MotRow> groundTruth = MotTextFile.read(folder.resolve("gt").resolve("gt.txt"));
            List<MotRow> tracks = MotTextFile.read(resultFile);
            SequenceScores scores = SequenceScores.of(info.name(),
                    MotChallengePreprocessing.prepare(groundTruth, tracks, info.length()));
            System.out.println(scores.tableRow());
            combined = combined == null ? scores : combined.plus("COMBINED", scores);
        }
        if (args.length > 2) {
            System.out.println(combined.tableRow());
        }
    }
}
