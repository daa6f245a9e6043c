package io.stride.core.evaluation;

/**
 * One row of a MOTChallenge {@code gt.txt}: {@code frame, id, left, top, width, height, consider, class[, …]}.
 *
 * @param frame       frame number, from 1
 * @param id          the target's id
 * @param considered  the consider flag: a target marked 0 is not scored (it may still make a tracker box a
 *                    distractor match)
 * @param objectClass MOTChallenge class, 1 (pedestrian) to {@value #MAX_CLASS}
 */
public record GroundTruthBox(int frame, int id, double left, double top, double width, double height,
                             boolean considered, int objectClass) {

    /** The highest class MOT17 defines (13, crowd). */
    public static final int MAX_CLASS = 13;

    public GroundTruthBox {
        Boxes.requireValid(frame, left, top, width, height);
        if (objectClass < 1 || objectClass > MAX_CLASS) {
            throw new IllegalArgumentException("class " + objectClass + " is not a MOTChallenge class (1.."
                    + MAX_CLASS + ")");
        }
    }

    double[] corners() {
        return Boxes.corners(left, top, width, height);
    }
}
