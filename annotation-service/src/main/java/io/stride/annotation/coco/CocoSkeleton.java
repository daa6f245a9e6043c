package io.stride.annotation.coco;

import java.util.List;

/**
 * The limbs drawn between the 17 COCO body keypoints (nose, eyes, ears, shoulders, elbows, wrists, hips,
 * knees, ankles; left before right). COCO's annotation file lists 19 links; the eye-to-eye and the two
 * ear-to-shoulder links are left out because they are not limbs and only clutter small faces.
 */
public final class CocoSkeleton {

    /** Keypoints a COCO body pose has. */
    public static final int KEYPOINTS = 17;

    /** A line between two keypoints, by index. */
    public record Limb(int from, int to) {
    }

    private static final int NOSE = 0;
    private static final int LEFT_EYE = 1;
    private static final int RIGHT_EYE = 2;
    private static final int LEFT_EAR = 3;
    private static final int RIGHT_EAR = 4;
    private static final int LEFT_SHOULDER = 5;
    private static final int RIGHT_SHOULDER = 6;
    private static final int LEFT_ELBOW = 7;
    private static final int RIGHT_ELBOW = 8;
    private static final int LEFT_WRIST = 9;
    private static final int RIGHT_WRIST = 10;
    private static final int LEFT_HIP = 11;
    private static final int RIGHT_HIP = 12;
    private static final int LEFT_KNEE = 13;
    private static final int RIGHT_KNEE = 14;
    private static final int LEFT_ANKLE = 15;
    private static final int RIGHT_ANKLE = 16;

    private static final List<Limb> LIMBS = List.of(
            new Limb(LEFT_ANKLE, LEFT_KNEE),
            new Limb(LEFT_KNEE, LEFT_HIP),
            new Limb(RIGHT_ANKLE, RIGHT_KNEE),
            new Limb(RIGHT_KNEE, RIGHT_HIP),
            new Limb(LEFT_HIP, RIGHT_HIP),
            new Limb(LEFT_SHOULDER, LEFT_HIP),
            new Limb(RIGHT_SHOULDER, RIGHT_HIP),
            new Limb(LEFT_SHOULDER, RIGHT_SHOULDER),
            new Limb(LEFT_SHOULDER, LEFT_ELBOW),
            new Limb(RIGHT_SHOULDER, RIGHT_ELBOW),
            new Limb(LEFT_ELBOW, LEFT_WRIST),
            new Limb(RIGHT_ELBOW, RIGHT_WRIST),
            new Limb(NOSE, LEFT_EYE),
            new Limb(NOSE, RIGHT_EYE),
            new Limb(LEFT_EYE, LEFT_EAR),
            new Limb(RIGHT_EYE, RIGHT_EAR));

    private CocoSkeleton() {
    }

    /** The 16 limbs, legs first, then torso, arms and face. */
    public static List<Limb> limbs() {
        return LIMBS;
    }
}
