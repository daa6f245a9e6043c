package io.stride.bytetrack.mot.eval;

import java.util.Locale;

/** The scores of one sequence, or of several combined (counts summed, ratios recomputed, as TrackEval). */
public record SequenceScores(String name, ClearCounts clear, IdentityCounts identity) {

    public static final String TABLE_HEADER = """
            | sequence | MOTA | MOTP | IDF1 | IDP | IDR | IDs | Frag | FP | FN | MT | ML |
            |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|""";

    public static SequenceScores of(String name, EvaluationSequence sequence) {
        return new SequenceScores(name, ClearMetrics.evaluate(sequence), IdentityMetrics.evaluate(sequence));
    }

    public SequenceScores plus(String combinedName, SequenceScores other) {
        return new SequenceScores(combinedName, clear.plus(other.clear), identity.plus(other.identity));
    }

    /** A Markdown table row; percentages with one decimal as the MOTChallenge site shows them. */
    public String tableRow() {
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %d | %d | %d |",
                name, 100 * clear.mota(), 100 * clear.motp(), 100 * identity.idf1(), 100 * identity.idPrecision(),
                100 * identity.idRecall(), clear.idSwitches(), clear.fragmentations(), clear.falsePositives(),
                clear.falseNegatives(), clear.mostlyTracked(), clear.mostlyLost());
    }
}
