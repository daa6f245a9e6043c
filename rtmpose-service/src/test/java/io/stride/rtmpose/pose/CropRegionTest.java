package io.stride.rtmpose.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.core.frame.BoundingBox;
import org.junit.jupiter.api.Test;

class CropRegionTest {

    private static final InputSize RTMPOSE_256X192 = new InputSize(192, 256);
    private static final double PADDING = 1.25;

    @Test
    void tallBoxIsPaddedThenWidenedToTheInputAspectRatio() {
        // 100x200 box: padded 125x250, narrower than 3:4, so the width grows to 250 * 0.75.
        CropRegion region = CropRegion.around(new BoundingBox(10, 20, 110, 220), PADDING, RTMPOSE_256X192);

        assertThat(region).isEqualTo(new CropRegion(60, 120, 187.5, 250));
    }

    @Test
    void wideBoxIsPaddedThenHeightenedToTheInputAspectRatio() {
        // 300x100 box: padded 375x125, wider than 3:4, so the height grows to 375 / 0.75.
        CropRegion region = CropRegion.around(new BoundingBox(0, 0, 300, 100), PADDING, RTMPOSE_256X192);

        assertThat(region).isEqualTo(new CropRegion(150, 50, 375, 500));
    }

    @Test
    void boxAlreadyAtTheAspectRatioIsOnlyPadded() {
        CropRegion region = CropRegion.around(new BoundingBox(100, 200, 196, 328), PADDING, RTMPOSE_256X192);

        assertThat(region).isEqualTo(new CropRegion(148, 264, 120, 160));
    }

    @Test
    void aspectRatioComesFromTheModelInput() {
        BoundingBox box = new BoundingBox(0, 0, 100, 100);

        assertThat(CropRegion.around(box, PADDING, new InputSize(288, 384)))
                .isEqualTo(new CropRegion(50, 50, 125, 125 / 0.75));
        assertThat(CropRegion.around(box, PADDING, new InputSize(256, 256)))
                .isEqualTo(new CropRegion(50, 50, 125, 125));
    }

    @Test
    void paddingScalesBothSides() {
        CropRegion region = CropRegion.around(new BoundingBox(0, 0, 30, 40), 1.0, RTMPOSE_256X192);

        assertThat(region).isEqualTo(new CropRegion(15, 20, 30, 40));
    }

    @Test
    void boxWithoutAreaHasNoRegion() {
        assertThatThrownBy(() -> CropRegion.around(new BoundingBox(5, 5, 5, 50), PADDING, RTMPOSE_256X192))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no area");
        assertThatThrownBy(() -> CropRegion.around(new BoundingBox(5, 50, 10, 40), PADDING, RTMPOSE_256X192))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CropRegion.around(new BoundingBox(Float.NaN, 0, 10, 40), PADDING, RTMPOSE_256X192))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyFiniteBoxesWithAreaCanBeCropped() {
        assertThat(CropRegion.canCrop(new BoundingBox(0, 0, 0.5f, 0.5f))).isTrue();
        assertThat(CropRegion.canCrop(new BoundingBox(-10, -10, 5, 5))).isTrue();
        assertThat(CropRegion.canCrop(new BoundingBox(0, 0, 0, 5))).isFalse();
        assertThat(CropRegion.canCrop(new BoundingBox(0, 0, Float.POSITIVE_INFINITY, 5))).isFalse();
        assertThat(CropRegion.canCrop(new BoundingBox(Float.NEGATIVE_INFINITY, 0, 10, 5))).isFalse();
        assertThat(CropRegion.canCrop(new BoundingBox(0, Float.NaN, 10, 5))).isFalse();
    }
}
