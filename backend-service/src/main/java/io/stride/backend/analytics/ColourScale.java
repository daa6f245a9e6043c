package io.stride.backend.analytics;

/**
 * How a density becomes a colour laid over the frame.
 *
 * <p><b>Level.</b> A density {@code v} of a grid whose largest is {@code max} gets the level
 * {@code t = 1 + log10(v / max) / decades}, cut to {@code [0, 1]}, and 0 where {@code v = 0}: the scale is
 * logarithmic and spans {@code decades} powers of ten below the maximum, so the path of one passer-by still shows
 * beside the spot where a crowd stood for minutes.
 *
 * <p><b>Colour.</b> Linear between five stops: blue {@code (0,0,255)} at 0, cyan {@code (0,255,255)} at 0.25,
 * green {@code (0,255,0)} at 0.5, yellow {@code (255,255,0)} at 0.75, red {@code (255,0,0)} at 1; each channel
 * rounded to the nearest integer.
 *
 * <p><b>Blend.</b> Each channel is {@code round(frame·(1−α) + colour·α)} with {@code α = opacity·t}: the rarer,
 * the more transparent, and where nobody was anchored the frame is untouched.
 *
 * @param decades powers of ten of density shown below the maximum, {@code > 0}
 * @param opacity {@code α} at the maximum, in {@code [0, 1]}
 */
public record ColourScale(double decades, double opacity) {

    private static final double[] STOPS = {0, 0.25, 0.5, 0.75, 1};
    private static final int[][] STOP_COLOURS = {{0, 0, 255}, {0, 255, 255}, {0, 255, 0}, {255, 255, 0}, {255, 0, 0}};
    private static final int CHANNEL_BITS = 8;
    private static final int CHANNEL_MASK = 0xff;

    public ColourScale {
        if (!(decades > 0) || Double.isInfinite(decades)) {
            throw new IllegalArgumentException("decades must be a finite number > 0, got " + decades);
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be in [0, 1], got " + opacity);
        }
    }

    /** The level {@code t} in {@code [0, 1]} of {@code value} in a grid whose largest value is {@code max}. */
    public double level(double value, double max) {
        if (!(value > 0) || !(max > 0)) {
            return 0;
        }
        return Math.max(0, Math.min(1, 1 + Math.log10(value / max) / decades));
    }

    /** The colour of level {@code t} as {@code 0xRRGGBB}. */
    public static int rgb(double level) {
        double t = Math.max(0, Math.min(1, level));
        int stop = 1;
        while (stop < STOPS.length - 1 && t > STOPS[stop]) {
            stop++;
        }
        double along = (t - STOPS[stop - 1]) / (STOPS[stop] - STOPS[stop - 1]);
        int rgb = 0;
        for (int channel = 0; channel < 3; channel++) {
            int from = STOP_COLOURS[stop - 1][channel];
            int to = STOP_COLOURS[stop][channel];
            rgb = (rgb << CHANNEL_BITS) | (int) Math.round(from + (to - from) * along);
        }
        return rgb;
    }

    /** {@code frameRgb} ({@code 0xRRGGBB}) with the colour of {@code level} laid over it. */
    public int blend(int frameRgb, double level) {
        if (level <= 0) {
            return frameRgb & 0xffffff;
        }
        double alpha = opacity * level;
        int colour = rgb(level);
        int out = 0;
        for (int shift = 2 * CHANNEL_BITS; shift >= 0; shift -= CHANNEL_BITS) {
            int under = (frameRgb >> shift) & CHANNEL_MASK;
            int over = (colour >> shift) & CHANNEL_MASK;
            out = (out << CHANNEL_BITS) | (int) Math.round(under * (1 - alpha) + over * alpha);
        }
        return out;
    }
}
