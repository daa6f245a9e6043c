package io.stride.core.evaluation;

/**
 * The counts behind the identity scores (Ristani et al. 2016) of one or more sequences.
 *
 * @param idTruePositives  target boxes matched by the tracker id globally assigned to their target
 * @param idFalseNegatives target boxes not so matched
 * @param idFalsePositives tracker boxes not matching the target globally assigned to their id
 */
public record IdentityCounts(long idTruePositives, long idFalseNegatives, long idFalsePositives) {

    /** Nothing counted: the start of a sum. */
    public static final IdentityCounts NONE = new IdentityCounts(0, 0, 0);

    /** The counts of two sequences together. */
    public IdentityCounts plus(IdentityCounts other) {
        return new IdentityCounts(idTruePositives + other.idTruePositives,
                idFalseNegatives + other.idFalseNegatives, idFalsePositives + other.idFalsePositives);
    }

    /** IDTP / (IDTP + (IDFP + IDFN) / 2). */
    public double idf1() {
        return idTruePositives / Math.max(1.0, idTruePositives + 0.5 * idFalsePositives + 0.5 * idFalseNegatives);
    }

    /** IDP: IDTP / (IDTP + IDFP). */
    public double idPrecision() {
        return idTruePositives / (double) Math.max(1, idTruePositives + idFalsePositives);
    }

    /** IDR: IDTP / (IDTP + IDFN). */
    public double idRecall() {
        return idTruePositives / (double) Math.max(1, idTruePositives + idFalseNegatives);
    }
}
