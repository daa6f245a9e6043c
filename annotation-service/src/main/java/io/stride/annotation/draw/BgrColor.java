package io.stride.annotation.draw;

/** An 8-bit colour in OpenCV's channel order. */
public record BgrColor(int blue, int green, int red) {

    private static final int MAX = 255;
    /** ITU-R BT.601 luma weights: how bright a colour looks, to pick legible text on it. */
    private static final double RED_LUMA = 0.299;
    private static final double GREEN_LUMA = 0.587;
    private static final double BLUE_LUMA = 0.114;

    public static final BgrColor BLACK = new BgrColor(0, 0, 0);
    public static final BgrColor WHITE = new BgrColor(MAX, MAX, MAX);

    public BgrColor {
        if (blue < 0 || blue > MAX || green < 0 || green > MAX || red < 0 || red > MAX) {
            throw new IllegalArgumentException("colour channels must be 0-255: " + blue + "," + green + "," + red);
        }
    }

    /** Perceived brightness, 0–255. */
    public double luma() {
        return RED_LUMA * red + GREEN_LUMA * green + BLUE_LUMA * blue;
    }
}
