package io.stride.backend.upload;

import io.stride.backend.BackendProperties;
import io.stride.backend.api.ApiException;
import io.stride.backend.decode.VideoInfo;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;

/**
 * The largest video the backend accepts: frame size ({@code max-frame-width} x {@code max-frame-height}, in either
 * orientation, so a portrait phone video fits the same box turned) and duration ({@code max-duration}).
 */
record VideoLimits(int maxWidth, int maxHeight, Duration maxDuration) {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    static VideoLimits of(BackendProperties properties) {
        return new VideoLimits(properties.maxFrameWidth(), properties.maxFrameHeight(), properties.maxDuration());
    }

    /** @throws ApiException 422 with the video's size or duration and the limit it exceeds */
    void check(VideoInfo video) {
        boolean fits = video.width() <= maxWidth && video.height() <= maxHeight;
        boolean fitsTurned = video.width() <= maxHeight && video.height() <= maxWidth;
        if (!fits && !fitsTurned) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "video is " + video.width() + "x" + video.height()
                    + "; the largest accepted frame is " + maxWidth + "x" + maxHeight + " (or " + maxHeight + "x"
                    + maxWidth + ")");
        }
        if (video.durationMicros() > micros(maxDuration)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "video lasts " + seconds(video.durationMicros())
                    + "; the longest accepted is " + seconds(micros(maxDuration)));
        }
    }

    private static long micros(Duration duration) {
        return TimeUnit.NANOSECONDS.toMicros(duration.toNanos());
    }

    /** "754.2 s", to one decimal, exact enough for a person to see by how much. */
    private static String seconds(long micros) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (double) micros / MICROS_PER_SECOND);
    }
}
