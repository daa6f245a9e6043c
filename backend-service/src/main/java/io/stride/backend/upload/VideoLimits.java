package io.stride.backend.upload;

import io.stride.backend.BackendProperties;
import io.stride.backend.api.ApiException;
import io.stride.backend.decode.VideoInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;

/**
 * The most video the backend accepts, checked when an upload is probed: frame size ({@code max-frame-width} x
 * {@code max-frame-height}, in either orientation, so a portrait phone video fits the same box turned), duration,
 * frame rate, pixel rate (width x height x frame rate) and frame count. The rates and the count bound the work a
 * task asks for, which a file's size on disk does not.
 */
record VideoLimits(int maxWidth, int maxHeight, Duration maxDuration, double maxFrameRate, long maxPixelRate,
                   long maxFrames) {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final int FPS_DECIMALS = 3;

    static VideoLimits of(BackendProperties backend, UploadProperties upload) {
        return new VideoLimits(backend.maxFrameWidth(), backend.maxFrameHeight(), backend.maxDuration(),
                upload.maxFrameRate(), upload.maxPixelRate(), upload.maxFrames());
    }

    /** @throws ApiException 422 naming the first limit the video exceeds, its value and the limit */
    void check(VideoInfo video) {
        boolean fits = video.width() <= maxWidth && video.height() <= maxHeight;
        boolean fitsTurned = video.width() <= maxHeight && video.height() <= maxWidth;
        if (!fits && !fitsTurned) {
            throw refused("video is " + video.width() + "x" + video.height() + "; the largest accepted frame is "
                    + maxWidth + "x" + maxHeight + " (or " + maxHeight + "x" + maxWidth + ")");
        }
        if (video.durationMicros() > micros(maxDuration)) {
            throw refused("video lasts " + seconds(video.durationMicros()) + "; the longest accepted is "
                    + seconds(micros(maxDuration)));
        }
        if (video.fps() > maxFrameRate) {
            throw refused("frame rate " + fps(video.fps()) + " fps exceeds the limit of " + fps(maxFrameRate) + " fps");
        }
        long pixelRate = Math.round((double) video.width() * video.height() * video.fps());
        if (pixelRate > maxPixelRate) {
            throw refused("pixel rate " + pixelRate + " pixels/s (" + video.width() + "x" + video.height() + " at "
                    + fps(video.fps()) + " fps) exceeds the limit of " + maxPixelRate + " pixels/s");
        }
        if (video.estimatedFrames() > maxFrames) {
            throw refused("frame count " + video.estimatedFrames() + " exceeds the limit of " + maxFrames + " frames");
        }
    }

    private static ApiException refused(String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, message);
    }

    private static long micros(Duration duration) {
        return TimeUnit.NANOSECONDS.toMicros(duration.toNanos());
    }

    /** "754.2 s", to one decimal, exact enough for a person to see by how much. */
    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%.1f s", (double) micros / MICROS_PER_SECOND);
    }

    /** "240", "29.97": as few decimals as the rate has, at most three. */
    private static String fps(double fps) {
        return BigDecimal.valueOf(fps).setScale(FPS_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }
}
