package io.stride.rtmpose.pose;

import io.stride.core.frame.BoundingBox;

/**
 * The frame region one person is cropped from, as mmpose's top-down pipeline builds it: the box's centre, and its
 * size multiplied by the padding factor ({@code bbox_xyxy2cs}) then grown on its short side to the model input's
 * aspect ratio ({@code TopdownAffine._fix_aspect_ratio}), so the crop is never squashed and the whole padded box
 * stays inside it.
 *
 * @param centerX centre of the region in frame pixels
 * @param centerY centre of the region in frame pixels
 * @param width   region width in frame pixels (mmpose's {@code bbox_scale[0]})
 * @param height  region height in frame pixels (mmpose's {@code bbox_scale[1]})
 */
public record CropRegion(double centerX, double centerY, double width, double height) {

    /** Whether a box can be cropped: finite corners and a positive width and height. */
    public static boolean canCrop(BoundingBox box) {
        return Float.isFinite(box.x1()) && Float.isFinite(box.y1()) && Float.isFinite(box.x2())
                && Float.isFinite(box.y2()) && box.width() > 0 && box.height() > 0;
    }

    /**
     * @param padding how much larger than the box the region is (RTMPose: 1.25), giving the model context around
     *                the limbs the detector cut tightly
     * @throws IllegalArgumentException for a box that {@linkplain #canCrop cannot be cropped}
     */
    public static CropRegion around(BoundingBox box, double padding, InputSize input) {
        if (!canCrop(box)) {
            throw new IllegalArgumentException("box has no area to crop: " + box);
        }
        double centerX = ((double) box.x1() + box.x2()) * 0.5;
        double centerY = ((double) box.y1() + box.y2()) * 0.5;
        double width = (double) box.width() * padding;
        double height = (double) box.height() * padding;
        double aspect = input.aspectRatio();
        if (width > height * aspect) {
            height = width / aspect;
        } else {
            width = height * aspect;
        }
        return new CropRegion(centerX, centerY, width, height);
    }
}
