package io.stride.backend.camera;

import java.util.concurrent.TimeUnit;

/**
 * The presentation times of a camera task's frames, in microseconds, increasing across reconnects: within a
 * connection the source's own times relative to its first picture, offset by the wall time from the task's start to
 * the moment the connection began, or to just after the last time given if that is later; placeholders take the wall
 * time since the task's start. A time that would not
 * exceed the previous one (a source that jumps back) becomes the previous one plus one.
 */
final class CameraTimeline {

    private static final long NONE = Long.MIN_VALUE;

    private final long taskStartMillis;
    private long connectionOffsetMicros;
    private long firstSourceMicros = NONE;
    private long lastPts = -1;

    /** @param taskStartMillis the task's start, epoch milliseconds */
    CameraTimeline(long taskStartMillis) {
        this.taskStartMillis = taskStartMillis;
    }

    /** A new connection to the source began at {@code nowMillis}. */
    void connected(long nowMillis) {
        connectionOffsetMicros = sinceStartMicros(nowMillis);
        firstSourceMicros = NONE;
    }

    /** The time of a picture the source stamped {@code sourceMicros}. */
    long framePts(long sourceMicros) {
        if (firstSourceMicros == NONE) {
            firstSourceMicros = sourceMicros;
            // Not before what is out already (placeholders shown while the connection was made, a source that
            // ran ahead of the wall clock): the connection's pictures keep their own pace after it.
            connectionOffsetMicros = Math.max(connectionOffsetMicros, lastPts + 1);
        }
        return next(connectionOffsetMicros + sourceMicros - firstSourceMicros);
    }

    /** The time of a placeholder published at {@code nowMillis}. */
    long placeholderPts(long nowMillis) {
        return next(sinceStartMicros(nowMillis));
    }

    private long sinceStartMicros(long nowMillis) {
        return TimeUnit.MILLISECONDS.toMicros(Math.max(0, nowMillis - taskStartMillis));
    }

    private long next(long candidate) {
        lastPts = Math.max(candidate, lastPts + 1);
        return lastPts;
    }
}
