package io.stride.annotation.draw;

/**
 * Colours derived from ids alone, so a track keeps its colour in every frame and in every run without any
 * state. Hues step by the golden ratio around the colour wheel: any run of consecutive ids gets hues that are
 * as evenly spread as a sequence allows, so neighbouring tracks are easy to tell apart.
 */
public final class Palette {

    /** The golden ratio's fractional part (φ − 1), as a fraction of the hue circle. */
    private static final double HUE_STEP = 0.6180339887498949;
    /** Tracks are vivid: they are what the video is about. */
    private static final double TRACK_SATURATION = 0.8;
    private static final double TRACK_VALUE = 1.0;
    /** Untracked classes are paler, so they do not compete with the tracks. */
    private static final double CLASS_SATURATION = 0.45;
    private static final double CLASS_VALUE = 0.9;
    private static final int HUE_SECTORS = 6;
    private static final double CHANNEL_MAX = 255.0;

    private Palette() {
    }

    public static BgrColor forTrack(int trackId) {
        return fromHsv(hueOf(trackId), TRACK_SATURATION, TRACK_VALUE);
    }

    public static BgrColor forClass(int classId) {
        return fromHsv(hueOf(classId), CLASS_SATURATION, CLASS_VALUE);
    }

    private static double hueOf(int id) {
        double turns = id * HUE_STEP;
        return turns - Math.floor(turns);
    }

    /**
     * Standard HSV to RGB conversion.
     *
     * @param hue        fraction of the colour wheel, 0 (red) inclusive to 1 exclusive
     * @param saturation 0–1
     * @param value      0–1
     */
    static BgrColor fromHsv(double hue, double saturation, double value) {
        double scaled = hue * HUE_SECTORS;
        int sector = (int) Math.floor(scaled) % HUE_SECTORS;
        double within = scaled - Math.floor(scaled);
        double low = value * (1 - saturation);
        double falling = value * (1 - saturation * within);
        double rising = value * (1 - saturation * (1 - within));
        double r;
        double g;
        double b;
        switch (sector) {
            case 0 -> { r = value; g = rising; b = low; }
            case 1 -> { r = falling; g = value; b = low; }
            case 2 -> { r = low; g = value; b = rising; }
            case 3 -> { r = low; g = falling; b = value; }
            case 4 -> { r = rising; g = low; b = value; }
            default -> { r = value; g = low; b = falling; }
        }
        return new BgrColor(channel(b), channel(g), channel(r));
    }

    private static int channel(double fraction) {
        return (int) Math.round(fraction * CHANNEL_MAX);
    }
}
