package io.stride.bytetrack.mot.eval;

import io.stride.core.evaluation.ClearCounts;
import io.stride.core.evaluation.HotaCounts;
import io.stride.core.evaluation.IdentityCounts;
import io.stride.core.evaluation.TrackingScores;
import java.util.Locale;

/** The Markdown table {@link MotEvalCommand} prints: one row per sequence, percentages as MOTChallenge shows them. */
final class ScoreTable {

    static final String HEADER = """
            | sequence | HOTA | DetA | AssA | LocA | MOTA | MOTP | IDF1 | IDP | IDR | IDs | Frag | FP | FN | MT | ML |
            |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|""";

    private ScoreTable() {
    }

    /** A row with one decimal, as the MOTChallenge site. */
    static String row(String name, TrackingScores scores) {
        ClearCounts clear = scores.clear();
        IdentityCounts identity = scores.identity();
        HotaCounts hota = scores.hota();
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f "
                        + "| %d | %d | %d | %d | %d | %d |",
                name, 100 * hota.hota(), 100 * hota.detA(), 100 * hota.assA(), 100 * hota.locA(),
                100 * clear.mota(), 100 * clear.motp(), 100 * identity.idf1(), 100 * identity.idPrecision(),
                100 * identity.idRecall(), clear.idSwitches(), clear.fragmentations(), clear.falsePositives(),
                clear.falseNegatives(), clear.mostlyTracked(), clear.mostlyLost());
    }
}
