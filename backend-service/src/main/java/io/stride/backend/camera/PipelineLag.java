package io.stride.backend.camera;

import java.util.ArrayDeque;

/**
 * How long the picture at hand would wait before the pipeline annotates it: the larger of two estimates.
 * <ul>
 *   <li>The source time from the oldest frame published and not yet annotated to the picture: what a pipeline that
 *       keeps up shows, and all there is to go by before it has annotated anything.</li>
 *   <li>The time the pipeline needs to clear the frames in flight at the rate it has annotated over the last
 *       {@link #RATE_WINDOW_MILLIS} (Little's law): what a pipeline slower than the source shows. There the frames
 *       in flight are denser than the pipeline's rate (a 60 fps source fills a second of source time with 60 frames
 *       that a 30 fps pipeline needs two seconds to clear), so source time alone lets the wait grow past the
 *       bound.</li>
 * </ul>
 * Times in µs, the clock's in ms; one thread calls it.
 */
final class PipelineLag {

    /** How far back the annotation rate is measured: long enough to span several progress reports. */
    static final long RATE_WINDOW_MILLIS = 2_000;
    private static final double MICROS_PER_MILLI = 1_000;
    private static final long UNSEEN = -1;

    private record Published(long frame, long ptsMicros) {
    }

    private record Progress(long atMillis, long framesAnnotated) {
    }

    /** Frames published and not yet known to be annotated, oldest first: at most the allowed lag's worth. */
    private final ArrayDeque<Published> inFlight = new ArrayDeque<>();
    /**
     * Each change of the annotated count seen, oldest first: the newest one at or before the rate window's start,
     * then those inside it.
     */
    private final ArrayDeque<Progress> progress = new ArrayDeque<>();
    /** The annotated count at the last call; {@link #UNSEEN} before the first. */
    private long lastAnnotated = UNSEEN;

    /** Notes a frame published to the pipeline. */
    void published(long frame, long ptsMicros) {
        inFlight.addLast(new Published(frame, ptsMicros));
    }

    /**
     * @param ptsMicros       the picture at hand's time
     * @param framesAnnotated frames the pipeline has annotated (frames 0 to this minus one)
     * @param nowMillis       the clock
     * @return the estimated wait, 0 when nothing is in flight
     */
    long lagMicros(long ptsMicros, long framesAnnotated, long nowMillis) {
        while (!inFlight.isEmpty() && inFlight.peekFirst().frame() < framesAnnotated) {
            inFlight.removeFirst();
        }
        noteProgress(framesAnnotated, nowMillis);
        if (inFlight.isEmpty()) {
            return 0;
        }
        long sourceLag = Math.max(0, ptsMicros - inFlight.peekFirst().ptsMicros());
        return Math.max(sourceLag, clearingMicros(nowMillis));
    }

    private void noteProgress(long framesAnnotated, long nowMillis) {
        // The count first seen is where the pipeline stood, not a moment it reached: the rate runs from a change.
        if (lastAnnotated != UNSEEN && framesAnnotated != lastAnnotated) {
            progress.addLast(new Progress(nowMillis, framesAnnotated));
        }
        lastAnnotated = framesAnnotated;
        long windowStart = nowMillis - RATE_WINDOW_MILLIS;
        while (progress.size() > 2 && secondOldest().atMillis() <= windowStart) {
            progress.removeFirst();
        }
    }

    private Progress secondOldest() {
        var iterator = progress.iterator();
        iterator.next();
        return iterator.next();
    }

    /**
     * The time to clear the frames in flight at the measured rate; 0 while the rate is unknown: before the
     * annotated count has changed twice (from the first change to the second is the first measure of a rate; the
     * time before the first is the pipeline's start-up).
     */
    private long clearingMicros(long nowMillis) {
        if (progress.size() < 2) {
            return 0;
        }
        Progress base = progress.peekFirst();
        long frames = progress.peekLast().framesAnnotated() - base.framesAnnotated();
        long elapsedMillis = nowMillis - base.atMillis();
        if (frames <= 0 || elapsedMillis <= 0) {
            return 0;
        }
        return Math.round(inFlight.size() * elapsedMillis * MICROS_PER_MILLI / frames);
    }
}
