package io.stride.backend.analytics;

/**
 * A Gaussian blur of a {@link DensityGrid}, separable (rows, then columns). The kernel of standard deviation
 * {@code σ} cells has the weights {@code exp(−d²/(2σ²))} for {@code d = −R…R}, {@code R = ceil(4σ)}, divided by
 * their sum; at {@code 4σ} a weight is below 0.04 % of the centre's, so cutting there leaves no visible edge.
 * Cells beyond the grid count as empty: density near the frame's edge is not folded back into it. {@code σ = 0}
 * leaves the grid as it is.
 */
public final class GaussianBlur {

    private static final double RADIUS_IN_SIGMAS = 4;

    private GaussianBlur() {
    }

    /** The normalised 1-D kernel, {@code 2R+1} weights centred on index {@code R}. */
    public static double[] kernel(double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be a finite number >= 0, got " + sigma);
        }
        if (sigma == 0) {
            return new double[] {1};
        }
        int radius = (int) Math.ceil(RADIUS_IN_SIGMAS * sigma);
        double[] weights = new double[2 * radius + 1];
        double sum = 0;
        for (int d = -radius; d <= radius; d++) {
            weights[d + radius] = Math.exp(-(double) d * d / (2 * sigma * sigma));
            sum += weights[d + radius];
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
        return weights;
    }

    /** A blurred copy of {@code grid}. */
    public static DensityGrid blur(DensityGrid grid, double sigma) {
        double[] kernel = kernel(sigma);
        return alongColumns(alongRows(grid, kernel), kernel);
    }

    private static DensityGrid alongRows(DensityGrid grid, double[] kernel) {
        int radius = kernel.length / 2;
        DensityGrid out = new DensityGrid(grid.columns(), grid.rows());
        for (int row = 0; row < grid.rows(); row++) {
            for (int column = 0; column < grid.columns(); column++) {
                double value = grid.get(column, row);
                if (value == 0) {
                    continue; // most of a frame is never walked on
                }
                int from = Math.max(0, column - radius);
                int to = Math.min(grid.columns() - 1, column + radius);
                for (int target = from; target <= to; target++) {
                    out.add(target, row, value * kernel[target - column + radius]);
                }
            }
        }
        return out;
    }

    private static DensityGrid alongColumns(DensityGrid grid, double[] kernel) {
        int radius = kernel.length / 2;
        DensityGrid out = new DensityGrid(grid.columns(), grid.rows());
        for (int row = 0; row < grid.rows(); row++) {
            for (int column = 0; column < grid.columns(); column++) {
                double value = grid.get(column, row);
                if (value == 0) {
                    continue;
                }
                int from = Math.max(0, row - radius);
                int to = Math.min(grid.rows() - 1, row + radius);
                for (int target = from; target <= to; target++) {
                    out.add(column, target, value * kernel[target - row + radius]);
                }
            }
        }
        return out;
    }
}
