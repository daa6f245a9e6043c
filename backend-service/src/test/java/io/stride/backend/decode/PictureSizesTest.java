package io.stride.backend.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The first picture's size is the video's; the warning counts the frames scaled to it, in upright sizes. */
class PictureSizesTest {

    @Test
    void oneSizeThroughoutNeedsNoWarning() {
        var sizes = new PictureSizes();
        for (int i = 0; i < 5; i++) {
            sizes.note(i, 1280, 720);
        }

        assertThat(sizes.width()).isEqualTo(1280);
        assertThat(sizes.height()).isEqualTo(720);
        assertThat(sizes.warning(0)).isEmpty();
    }

    @Test
    void laterSizesAreCountedAndTheFirstChangeIsNamed() {
        var sizes = new PictureSizes();
        sizes.note(0, 1280, 720);
        sizes.note(1, 640, 360);
        sizes.note(2, 1920, 1080);
        sizes.note(3, 1280, 720);

        assertThat(sizes.width()).isEqualTo(1280);
        assertThat(sizes.warning(0)).contains("the picture size changed mid-stream at frame 1 (from 1280x720 to "
                + "640x360); 2 of 4 frames were scaled to 1280x720");
        assertThat(sizes.warning(90)).contains("the picture size changed mid-stream at frame 1 (from 720x1280 to "
                + "360x640); 2 of 4 frames were scaled to 720x1280");
    }
}
