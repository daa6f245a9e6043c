package io.stride.backend.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.backend.api.ApiException;
import io.stride.backend.decode.VideoInfo;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The limits on what an upload holds, checked at probe time, with the exact message a client sees: frame size,
 * duration, frame rate, pixel rate and frame count, at their defaults.
 */
class VideoLimitsTest {

    private final VideoLimits limits = new VideoLimits(3840, 2160, Duration.ofHours(1), 120, 124_416_000L, 216_000);

    @Test
    void aFrameLargerThanTheBoxInBothOrientationsIsRefused() {
        assertThatThrownBy(() -> limits.check(video(7680, 4320, -1)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(422))
                .hasMessage("video is 7680x4320; the largest accepted frame is 3840x2160 (or 2160x3840)");
        assertThatThrownBy(() -> limits.check(video(3000, 3000, -1)))
                .hasMessage("video is 3000x3000; the largest accepted frame is 3840x2160 (or 2160x3840)");
    }

    @Test
    void aFrameFittingTheBoxEitherWayIsAccepted() {
        assertThatCode(() -> limits.check(video(3840, 2160, -1))).doesNotThrowAnyException();
        assertThatCode(() -> limits.check(video(2160, 3840, -1))).doesNotThrowAnyException(); // a portrait phone video
        assertThatCode(() -> limits.check(video(1, 1, -1))).doesNotThrowAnyException();
    }

    @Test
    void aVideoLongerThanTheLimitIsRefusedAndAnUnknownDurationPasses() {
        assertThatThrownBy(() -> limits.check(video(640, 480, 3_600_000_001L)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(422))
                .hasMessage("video lasts 3600.0 s; the longest accepted is 3600.0 s");
        assertThatCode(() -> limits.check(video(640, 480, 3_600_000_000L))).doesNotThrowAnyException();
        assertThatCode(() -> limits.check(video(640, 480, -1))).doesNotThrowAnyException();
    }

    @Test
    void aFrameRateOverTheLimitIsRefused() {
        assertThatThrownBy(() -> limits.check(video(640, 360, 240, 2400, 10_000_000)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(422))
                .hasMessage("frame rate 240 fps exceeds the limit of 120 fps");
        assertThatThrownBy(() -> limits.check(video(64, 48, 120.0005, 1200, 10_000_000)))
                .hasMessage("frame rate 120.001 fps exceeds the limit of 120 fps");
        assertThatCode(() -> limits.check(video(640, 360, 120, 1200, 10_000_000))).doesNotThrowAnyException();
    }

    @Test
    void aStaticHourOf4kIsRefusedForItsPixelRateHoweverSmallItsFile() {
        assertThatThrownBy(() -> limits.check(video(3840, 2160, 30, 108_000, 3_600_000_000L)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(422))
                .hasMessage("pixel rate 248832000 pixels/s (3840x2160 at 30 fps) exceeds the limit of 124416000 "
                        + "pixels/s");
        assertThatCode(() -> limits.check(video(1280, 720, 29.97, 300, 10_010_000))).doesNotThrowAnyException();
    }

    @Test
    void theDefaultPixelRateIs1080pAt60OrUhdAt15() {
        assertThatCode(() -> limits.check(video(1920, 1080, 60, 600, 10_000_000))).doesNotThrowAnyException();
        assertThatCode(() -> limits.check(video(3840, 2160, 15, 150, 10_000_000))).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.check(video(3840, 2160, 25, 250, 10_000_000)))
                .hasMessage("pixel rate 207360000 pixels/s (3840x2160 at 25 fps) exceeds the limit of 124416000 "
                        + "pixels/s");
    }

    @Test
    void moreFramesThanTheLimitAreRefusedAndAnUnknownCountPasses() {
        assertThatThrownBy(() -> limits.check(video(640, 360, 120, 216_001, -1)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(422))
                .hasMessage("frame count 216001 exceeds the limit of 216000 frames");
        assertThatCode(() -> limits.check(video(640, 360, 60, 216_000, 3_600_000_000L))).doesNotThrowAnyException();
        assertThatCode(() -> limits.check(video(640, 360, 60, 0, -1))).doesNotThrowAnyException();
    }

    /** At 10 fps, a rate every frame size up to 4K passes. */
    private static VideoInfo video(int width, int height, long durationMicros) {
        return video(width, height, 10, 100, durationMicros);
    }

    private static VideoInfo video(int width, int height, double fps, long frames, long durationMicros) {
        return new VideoInfo(width, height, fps, frames, "mov,mp4,m4a,3gp,3g2,mj2", "h264", 0, durationMicros);
    }
}
