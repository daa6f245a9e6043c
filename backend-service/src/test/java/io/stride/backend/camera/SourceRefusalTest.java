package io.stride.backend.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_FORBIDDEN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_UNAUTHORIZED;

import org.junit.jupiter.api.Test;

class SourceRefusalTest {

    private static String message(int code) {
        return "avformat_open_input() error " + code + ": Could not open input \"rtsp://***@cam/live\".";
    }

    @Test
    void wrongCredentialsAndForbiddenArePermanentNotFoundOnlyForASourceThatNeverDelivered() {
        assertThat(SourceRefusal.isPermanent(message(AVERROR_HTTP_UNAUTHORIZED()), true)).isTrue();
        assertThat(SourceRefusal.isPermanent(message(AVERROR_HTTP_FORBIDDEN()), false)).isTrue();
        assertThat(SourceRefusal.isPermanent(message(AVERROR_HTTP_NOT_FOUND()), false)).isTrue();
        assertThat(SourceRefusal.isPermanent(message(AVERROR_HTTP_NOT_FOUND()), true)).isFalse();
        assertThat(SourceRefusal.isPermanent(message(-111), false)).as("connection refused").isFalse();
        assertThat(SourceRefusal.isPermanent("no code here", false)).isFalse();
        assertThat(SourceRefusal.describe(message(AVERROR_HTTP_UNAUTHORIZED()))).startsWith("401 Unauthorized");
    }
}
