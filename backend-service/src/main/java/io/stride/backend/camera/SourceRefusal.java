package io.stride.backend.camera;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_FORBIDDEN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_UNAUTHORIZED;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a source that refuses for good from one that is away, by the FFmpeg error in JavaCV's message
 * ({@code avformat_open_input() error -825242872: …}). Wrong credentials (401) and a forbidden source (403) never
 * heal by themselves. A path that is not found (404) is permanent only for a source that never delivered a picture:
 * a relay (MediaMTX, Stride's own) answers 404 for a path whose camera has gone away, and that one comes back.
 */
final class SourceRefusal {

    private static final Pattern ERROR_CODE = Pattern.compile("error (-\\d+)");
    private static final Set<Integer> ALWAYS_PERMANENT = Set.of(AVERROR_HTTP_UNAUTHORIZED(), AVERROR_HTTP_FORBIDDEN());

    private SourceRefusal() {
    }

    /** @param everDelivered whether the source delivered a picture to this task before */
    static boolean isPermanent(String message, boolean everDelivered) {
        Matcher matcher = ERROR_CODE.matcher(message);
        if (!matcher.find()) {
            return false;
        }
        int code;
        try {
            code = Integer.parseInt(matcher.group(1));
        } catch (NumberFormatException e) {
            return false;
        }
        return ALWAYS_PERMANENT.contains(code) || (!everDelivered && code == AVERROR_HTTP_NOT_FOUND());
    }

    /** What a refusal means for a user, for the task's failure reason. */
    static String describe(String message) {
        Matcher matcher = ERROR_CODE.matcher(message);
        if (matcher.find()) {
            int code = Integer.parseInt(matcher.group(1));
            if (code == AVERROR_HTTP_UNAUTHORIZED()) {
                return "401 Unauthorized (wrong or missing credentials)";
            }
            if (code == AVERROR_HTTP_FORBIDDEN()) {
                return "403 Forbidden";
            }
            if (code == AVERROR_HTTP_NOT_FOUND()) {
                return "404 Not Found (no such stream at that URL)";
            }
        }
        return message;
    }
}
