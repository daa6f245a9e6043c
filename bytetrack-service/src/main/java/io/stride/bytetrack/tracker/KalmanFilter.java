package io.stride.bytetrack.tracker;

/**
 * The constant-velocity Kalman filter of ByteTrack (inherited from DeepSORT) on {@code (x, y, a, h)}: box centre,
 * aspect ratio and height, each with a velocity. Noise scales with the box height, so a near, tall person may
 * move more pixels per frame than a far one; the aspect ratio gets small fixed noise because people keep their
 * shape. Plain double arithmetic on 8×8 arrays: the official uses float64 NumPy.
 */
public final class KalmanFilter {

    private static final int MEASURED = 4;
    private static final int HEIGHT = 3;
    /** Initial spread is wider than the per-frame noise: a new track's velocity is unknown. */
    private static final double INITIAL_POSITION_FACTOR = 2;
    private static final double INITIAL_VELOCITY_FACTOR = 10;
    private static final double ASPECT_STD = 1e-2;
    private static final double ASPECT_VELOCITY_STD = 1e-5;
    private static final double ASPECT_MEASUREMENT_STD = 1e-1;

    private final double stdWeightPosition;
    private final double stdWeightVelocity;

    public KalmanFilter(double stdWeightPosition, double stdWeightVelocity) {
        this.stdWeightPosition = stdWeightPosition;
        this.stdWeightVelocity = stdWeightVelocity;
    }

    /** A state centred on a first measurement {@code (x, y, a, h)} with zero velocity. */
    public KalmanState initiate(double[] measurement) {
        double h = measurement[HEIGHT];
        double[] mean = new double[KalmanState.DIM];
        System.arraycopy(measurement, 0, mean, 0, MEASURED);
        double position = INITIAL_POSITION_FACTOR * stdWeightPosition * h;
        double velocity = INITIAL_VELOCITY_FACTOR * stdWeightVelocity * h;
        double[] std = {position, position, ASPECT_STD, position,
                velocity, velocity, ASPECT_VELOCITY_STD, velocity};
        return new KalmanState(mean, diagonalOfSquares(std));
    }

    /** One frame ahead: {@code x' = F x}, {@code P' = F P Fᵀ + Q}, with Q from the height before the step. */
    public KalmanState predict(KalmanState state) {
        double[] m = state.mean();
        double h = m[HEIGHT];
        double position = stdWeightPosition * h;
        double velocity = stdWeightVelocity * h;
        double[] std = {position, position, ASPECT_STD, position, velocity, velocity, ASPECT_VELOCITY_STD, velocity};

        double[] mean = new double[KalmanState.DIM];
        for (int i = 0; i < MEASURED; i++) {
            mean[i] = m[i] + m[i + MEASURED];
            mean[i + MEASURED] = m[i + MEASURED];
        }
        double[][] p = state.covariance();
        double[][] fp = new double[KalmanState.DIM][KalmanState.DIM];
        // F = [[I, I], [0, I]]: row i < 4 of F·P is row i plus row i + 4 of P.
        for (int i = 0; i < KalmanState.DIM; i++) {
            for (int j = 0; j < KalmanState.DIM; j++) {
                fp[i][j] = i < MEASURED ? p[i][j] + p[i + MEASURED][j] : p[i][j];
            }
        }
        double[][] cov = new double[KalmanState.DIM][KalmanState.DIM];
        for (int i = 0; i < KalmanState.DIM; i++) {
            for (int j = 0; j < KalmanState.DIM; j++) {
                cov[i][j] = j < MEASURED ? fp[i][j] + fp[i][j + MEASURED] : fp[i][j];
            }
            cov[i][i] += std[i] * std[i];
        }
        return new KalmanState(mean, cov);
    }

    /**
     * Corrects a predicted state with a measurement {@code (x, y, a, h)}: gain {@code K = P Hᵀ S⁻¹} with
     * {@code S = H P Hᵀ + R}, mean {@code x + K (z − H x)}, covariance {@code P − K S Kᵀ}.
     */
    public KalmanState update(KalmanState state, double[] measurement) {
        double[] m = state.mean();
        double[][] p = state.covariance();
        double h = m[HEIGHT];
        double position = stdWeightPosition * h;
        double[] std = {position, position, ASPECT_MEASUREMENT_STD, position};

        double[][] s = new double[MEASURED][MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            System.arraycopy(p[i], 0, s[i], 0, MEASURED);
            s[i][i] += std[i] * std[i];
        }
        double[][] chol = cholesky(s);
        // K = P Hᵀ S⁻¹; each row k of P Hᵀ is solved against S (symmetric), which gives row k of K.
        double[][] gain = new double[KalmanState.DIM][];
        for (int k = 0; k < KalmanState.DIM; k++) {
            gain[k] = solveCholesky(chol, new double[] {p[k][0], p[k][1], p[k][2], p[k][3]});
        }
        double[] innovation = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            innovation[i] = measurement[i] - m[i];
        }
        double[] mean = new double[KalmanState.DIM];
        for (int k = 0; k < KalmanState.DIM; k++) {
            double correction = 0;
            for (int i = 0; i < MEASURED; i++) {
                correction += gain[k][i] * innovation[i];
            }
            mean[k] = m[k] + correction;
        }
        double[][] gainS = new double[KalmanState.DIM][MEASURED];
        for (int k = 0; k < KalmanState.DIM; k++) {
            for (int j = 0; j < MEASURED; j++) {
                double sum = 0;
                for (int i = 0; i < MEASURED; i++) {
                    sum += gain[k][i] * s[i][j];
                }
                gainS[k][j] = sum;
            }
        }
        double[][] cov = new double[KalmanState.DIM][KalmanState.DIM];
        for (int r = 0; r < KalmanState.DIM; r++) {
            for (int c = 0; c < KalmanState.DIM; c++) {
                double sum = 0;
                for (int j = 0; j < MEASURED; j++) {
                    sum += gainS[r][j] * gain[c][j];
                }
                cov[r][c] = p[r][c] - sum;
            }
        }
        return new KalmanState(mean, cov);
    }

    private static double[][] diagonalOfSquares(double[] std) {
        double[][] cov = new double[std.length][std.length];
        for (int i = 0; i < std.length; i++) {
            cov[i][i] = std[i] * std[i];
        }
        return cov;
    }

    /** Lower-triangular L with {@code L Lᵀ = a} for a symmetric positive definite 4×4 matrix. */
    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new IllegalStateException("innovation covariance is not positive definite");
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return l;
    }

    /** x with {@code L Lᵀ x = b}. */
    private static double[] solveCholesky(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k][i] * x[k];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }
}
