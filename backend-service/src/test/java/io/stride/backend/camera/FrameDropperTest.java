package io.stride.backend.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDropperTest {

    private static final long ALLOWED = 25;

    @Test
    void latestDropsEveryPictureWhileThePipelineIsTooFarBehind() {
        var dropper = new FrameDropper(DropPolicy.LATEST, 2);

        assertThat(dropper.drop(0, ALLOWED)).isFalse();
        assertThat(dropper.drop(24, ALLOWED)).isFalse();
        assertThat(dropper.drop(25, ALLOWED)).isTrue();
        assertThat(dropper.drop(400, ALLOWED)).isTrue();
        assertThat(dropper.drop(10, ALLOWED)).isFalse();
    }

    @Test
    void everyKthDropsEveryKthPictureWhileBehindCountingAfreshEachTimeItFallsBehind() {
        var dropper = new FrameDropper(DropPolicy.EVERY_KTH, 3);
        List<Boolean> drops = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            drops.add(dropper.drop(30, ALLOWED));
        }
        assertThat(drops).containsExactly(false, false, true, false, false, true, false);

        assertThat(dropper.drop(5, ALLOWED)).isFalse();
        assertThat(dropper.drop(30, ALLOWED)).isFalse();
        assertThat(dropper.drop(30, ALLOWED)).isFalse();
        assertThat(dropper.drop(30, ALLOWED)).isTrue();
    }
}
