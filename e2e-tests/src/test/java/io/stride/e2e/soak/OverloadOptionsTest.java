package io.stride.e2e.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.core.testing.SharedData;
import io.stride.e2e.soak.LoopedClip.FrameSize;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OverloadOptionsTest {

    @BeforeEach
    void defaultClipPresent() {
        SharedData.video(SharedData.PEOPLE_WALKING);
    }

    @Test
    void defaultsAreThreeMinutesOfA60FpsFullHdCameraBoundAtTwoSeconds() {
        OverloadOptions options = OverloadOptions.parse(new String[0]);

        assertThat(options.clip()).isEqualTo(SharedData.video(SharedData.PEOPLE_WALKING));
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(3));
        assertThat(options.size()).isEqualTo(new FrameSize(1920, 1080));
        assertThat(options.fps()).isEqualTo(60.0);
        assertThat(options.loopSeconds()).isEqualTo(30);
        assertThat(options.loopFrames()).isEqualTo(1800);
        assertThat(options.maxLatency()).isEqualTo(2.0);
        assertThat(options.overrides()).isEmpty();
    }

    @Test
    void everyOptionIsRead() {
        OverloadOptions options = OverloadOptions.parse(new String[] {"--minutes", "1", "--size", "1280x720",
                "--fps", "29.97", "--loop-seconds", "10", "--max-latency", "1.5", "--set", "stride.stage.concurrency=2"});

        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.size()).isEqualTo(new FrameSize(1280, 720));
        assertThat(options.fps()).isEqualTo(29.97);
        assertThat(options.loopFrames()).isEqualTo(300);
        assertThat(options.maxLatency()).isEqualTo(1.5);
        assertThat(options.overrides()).isEqualTo(Map.of("stride.stage.concurrency", "2"));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> OverloadOptions.parse(new String[] {"--loop-seconds", "0"}))
                .hasMessage("--loop-seconds must be positive, got 0");
        assertThatThrownBy(() -> OverloadOptions.parse(new String[] {"--frames", "10"}))
                .hasMessage("unknown option --frames");
        assertThatThrownBy(() -> OverloadOptions.parse(new String[] {"/no/such/clip.mp4"}))
                .hasMessage("no clip at /no/such/clip.mp4 (set STRIDE_SHARED_DIR or name a video)");
    }
}
