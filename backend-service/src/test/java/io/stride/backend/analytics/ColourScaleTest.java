package io.stride.backend.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ColourScaleTest {

    private final ColourScale threeDecades = new ColourScale(3, 0.5);

    @Test
    void theLevelIsLogarithmicOverTheDecadesBelowTheMaximum() {
        assertThat(threeDecades.level(1000, 1000)).isEqualTo(1);
        assertThat(threeDecades.level(100, 1000)).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(threeDecades.level(10, 1000)).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(threeDecades.level(1, 1000)).isZero();
        assertThat(threeDecades.level(0.5, 1000)).as("below the range").isZero();
        assertThat(threeDecades.level(0, 1000)).isZero();
        assertThat(threeDecades.level(0, 0)).as("an empty grid").isZero();
    }

    @Test
    void coloursRunFromBlueThroughCyanGreenAndYellowToRed() {
        assertThat(ColourScale.rgb(0)).isEqualTo(0x0000ff);
        assertThat(ColourScale.rgb(0.125)).as("127.5 rounds up").isEqualTo(0x0080ff);
        assertThat(ColourScale.rgb(0.25)).isEqualTo(0x00ffff);
        assertThat(ColourScale.rgb(0.5)).isEqualTo(0x00ff00);
        assertThat(ColourScale.rgb(2.0 / 3)).isEqualTo(0xaaff00);
        assertThat(ColourScale.rgb(0.75)).isEqualTo(0xffff00);
        assertThat(ColourScale.rgb(0.875)).isEqualTo(0xff8000);
        assertThat(ColourScale.rgb(1)).isEqualTo(0xff0000);
    }

    @Test
    void blendsByOpacityTimesLevelAndLeavesLevelZeroUntouched() {
        // red over grey 128 at alpha 0.5: round(128·0.5 + 255·0.5) = round(191.5) = 192, round(64) = 64
        assertThat(threeDecades.blend(0x808080, 1)).isEqualTo(0xc04040);
        // green (0,255,0) over (10,20,30) at alpha 0.25: 7.5 → 8, 15 + 63.75 = 78.75 → 79, 22.5 → 23
        assertThat(threeDecades.blend(0x0a141e, 0.5)).isEqualTo(0x084f17);
        assertThat(threeDecades.blend(0xff123456, 0)).isEqualTo(0x123456);
    }

    @Test
    void refusesScalesThatMeanNothing() {
        assertThatThrownBy(() -> new ColourScale(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ColourScale(3, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
