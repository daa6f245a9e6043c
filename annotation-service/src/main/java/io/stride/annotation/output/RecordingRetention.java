package io.stride.annotation.output;

import io.stride.core.result.RecordedSegment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which closed segments of a live recording go, so that a camera never fills the disk: the oldest, while the
 * segments kept weigh more than {@code maxBytes} (MP4 and JSON Lines together) or the oldest ended more than
 * {@code maxAge} ago. Always the oldest first, so what is kept is one unbroken stretch up to the newest.
 */
record RecordingRetention(long maxBytes, Duration maxAge) {

    /**
     * @param closed the closed segments, oldest first
     * @param now    the current time
     * @return the segments to delete, oldest first
     */
    List<RecordedSegment> expired(List<RecordedSegment> closed, Instant now) {
        long total = closed.stream().mapToLong(RecordedSegment::bytes).sum();
        long oldestKept = now.minus(maxAge).toEpochMilli();
        List<RecordedSegment> expired = new ArrayList<>();
        for (RecordedSegment segment : closed) {
            if (total <= maxBytes && segment.endedAtMillis() >= oldestKept) {
                break;
            }
            expired.add(segment);
            total -= segment.bytes();
        }
        return expired;
    }
}
