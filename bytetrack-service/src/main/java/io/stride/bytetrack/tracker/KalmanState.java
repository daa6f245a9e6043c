package io.stride.bytetrack.tracker;

/**
 * A Gaussian over the box state {@code (x, y, a, h, vx, vy, va, vh)}: centre, aspect ratio width / height, height
 * and their velocities per frame. The arrays are owned by the state and never changed after construction.
 *
 * @param mean       the 8 state values
 * @param covariance the 8×8 covariance, row-major
 */
public record KalmanState(double[] mean, double[][] covariance) {

    static final int DIM = 8;

    public KalmanState {
        if (mean.length != DIM || covariance.length != DIM) {
            throw new IllegalArgumentException("a box state has " + DIM + " dimensions");
        }
    }

    public double centerX() {
        return mean[0];
    }

    public double centerY() {
        return mean[1];
    }

    public double aspectRatio() {
        return mean[2];
    }

    public double height() {
        return mean[3];
    }

    public double width() {
        return mean[2] * mean[3];
    }
}
