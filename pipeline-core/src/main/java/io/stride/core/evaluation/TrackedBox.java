package io.stride.core.evaluation;

/**
 * One row of a tracker's MOTChallenge result: {@code frame, id, left, top, width, height[, score, …]}.
 *
 * @param frame frame number, from 1
 * @param id    the track's id
 */
public record TrackedBox(int frame, int id, double left, double top, double width, double height) {

    public TrackedBox {
        Boxes.requireValid(frame, left, top, width, height);
    }

    double[] corners() {
        return Boxes.corners(left, top, width, height);
    }
}
