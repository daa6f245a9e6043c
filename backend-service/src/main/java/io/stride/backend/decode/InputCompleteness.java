package io.stride.backend.decode;

import java.util.Locale;
import java.util.Optional;

/**
 * Tells a truncated or damaged upload from a whole one once it is decoded: the container declared more frames and
 * a longer duration than could be decoded. Such a task still completes (every decodable frame is in the result),
 * with a warning that says what is missing, so a user never takes a partial result for the whole video.
 *
 * <p>Both measures must fall short: a container's frame count is an estimate for some formats (duration times the
 * average rate), and its duration may be rounded, so either alone would warn about whole files.
 */
public final class InputCompleteness {

    /** Shortfall tolerated in frames and in duration, as a fraction of what the container declared. */
    static final double TOLERANCE = 0.05;
    /** Frames missing that are never worth a warning, whatever the fraction. */
    static final long MIN_MISSING_FRAMES = 2;

    private InputCompleteness() {
    }

    /**
     * @param decodedFrames       frames the decoder produced
     * @param decodedMicros       time from the first decoded frame's start to the last one's end
     * @param declaredFrames      frames the container declared, 0 if it did not say
     * @param declaredMicros      the container's duration, -1 if it did not say
     * @return the warning, empty when the input looks whole
     */
    public static Optional<String> warning(long decodedFrames, long decodedMicros, long declaredFrames,
                                           long declaredMicros) {
        long missing = declaredFrames - decodedFrames;
        if (declaredFrames <= 0 || missing < MIN_MISSING_FRAMES || missing <= declaredFrames * TOLERANCE) {
            return Optional.empty();
        }
        boolean durationKnown = declaredMicros > 0;
        if (durationKnown && decodedMicros >= declaredMicros * (1 - TOLERANCE)) {
            return Optional.empty();
        }
        String frames = "input truncated or damaged: decoded " + decodedFrames + " of " + declaredFrames + " frames";
        return Optional.of(durationKnown
                ? frames + String.format(Locale.ROOT, " (%.1f s of %.1f s)", decodedMicros / 1e6, declaredMicros / 1e6)
                : frames);
    }
}
