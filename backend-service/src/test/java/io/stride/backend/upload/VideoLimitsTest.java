package io.stride.backend.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.backend.api.ApiException;
import io.stride.backend.decode.VideoInfo;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Frame size and duration limits, checked at probe time, with the exact message a client sees. */
class VideoLimitsTest {

    private final VideoLimits limits = new VideoLimits(3840, 2160, Duration.ofHours(1));

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

    private static VideoInfo video(int width, int height, long durationMicros) {
        return new VideoInfo(width, height, 30, 100, "mov,mp4,m4a,3gp,3g2,mj2", "h264", 0, durationMicros);
    }
}
