package io.stride.e2e.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.core.testing.SharedData;
import io.stride.e2e.soak.LoopedClip.FrameSize;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SoakOptionsTest {

    @BeforeEach
    void defaultClipPresent() {
        SharedData.video(SharedData.PEOPLE_WALKING);
    }

    @Test
    void defaultsAreATenThousandFrameRunAtTheClipsSize() {
        SoakOptions options = SoakOptions.parse(new String[0]);

        assertThat(options.clip()).isEqualTo(SharedData.video(SharedData.PEOPLE_WALKING));
        assertThat(options.frames()).isEqualTo(10_000);
        assertThat(options.size()).isEmpty();
        assertThat(options.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.maxSlope()).isEqualTo(5.0);
        assertThat(options.overrides()).isEmpty();
    }

    @Test
    void aShortRunAtASmallerSize() {
        SoakOptions options = SoakOptions.parse(new String[] {"--frames", "1000", "--size", "640x360",
                "--interval", "0.5", "--max-slope", "8", "--set", "stride.stage.concurrency=2"});

        assertThat(options.frames()).isEqualTo(1000);
        assertThat(options.size()).isEqualTo(Optional.of(new FrameSize(640, 360)));
        assertThat(options.interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.maxSlope()).isEqualTo(8.0);
        assertThat(options.overrides()).isEqualTo(Map.of("stride.stage.concurrency", "2"));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--frames", "1.5"}))
                .hasMessage("--frames needs a whole number, got '1.5'");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--frames", "0"}))
                .hasMessage("--frames must be positive, got 0");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--size", "640"}))
                .hasMessage("a frame size is WIDTHxHEIGHT with positive numbers, e.g. 640x360; got '640'");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--max-slope", "-1"}))
                .hasMessage("--max-slope must be positive, got -1");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--interval"}))
                .hasMessage("--interval needs a value");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--set", "novalue"}))
                .hasMessage("--set needs key=value, got 'novalue'");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--bogus"})).hasMessage("unknown option --bogus");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"/no/such/clip.mp4"}))
                .hasMessage("no clip at /no/such/clip.mp4 (set STRIDE_SHARED_DIR or name a video)");
    }
}
