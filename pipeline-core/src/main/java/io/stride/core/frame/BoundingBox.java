package io.stride.core.frame;

/** An axis-aligned box in frame pixels, corners inclusive of x1/y1 and exclusive of x2/y2. */
public record BoundingBox(float x1, float y1, float x2, float y2) {

    /** This box in an image {@code sx} times wider and {@code sy} times higher. */
    public BoundingBox scaled(double sx, double sy) {
        return new BoundingBox((float) (x1 * sx), (float) (y1 * sy), (float) (x2 * sx), (float) (y2 * sy));
    }

    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }

    public float area() {
        return Math.max(0f, width()) * Math.max(0f, height());
    }

    /** Intersection over union; 0 when the boxes do not overlap or both are empty. */
    public float iou(BoundingBox other) {
        float iw = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        float ih = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        if (iw <= 0 || ih <= 0) {
            return 0f;
        }
        float intersection = iw * ih;
        return intersection / (area() + other.area() - intersection);
    }
}
