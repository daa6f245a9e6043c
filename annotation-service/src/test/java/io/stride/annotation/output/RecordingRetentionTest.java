package io.stride.annotation.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.result.RecordedSegment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingRetentionTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    /** Segments 1-4, 100+10 bytes each, ended 30 h, 20 h, 10 h and 1 min ago. */
    private static final List<RecordedSegment> CLOSED = List.of(
            segment(1, Duration.ofHours(30)), segment(2, Duration.ofHours(20)),
            segment(3, Duration.ofHours(10)), segment(4, Duration.ofMinutes(1)));

    @Test
    void segmentsOlderThanTheMaxAgeGo() {
        assertThat(numbers(new RecordingRetention(10_000, DAY).expired(CLOSED, NOW))).containsExactly(1);
    }

    @Test
    void theOldestGoWhileTheTotalExceedsTheMaxBytes() {
        // 440 bytes in all: without segment 1, 330; without 2 as well, 220.
        assertThat(numbers(new RecordingRetention(330, Duration.ofDays(7)).expired(CLOSED, NOW))).containsExactly(1);
        assertThat(numbers(new RecordingRetention(329, Duration.ofDays(7)).expired(CLOSED, NOW)))
                .containsExactly(1, 2);
        assertThat(numbers(new RecordingRetention(440, Duration.ofDays(7)).expired(CLOSED, NOW))).isEmpty();
    }

    @Test
    void eitherLimitDeletesAndAlwaysFromTheOldest() {
        assertThat(numbers(new RecordingRetention(220, DAY).expired(CLOSED, NOW))).containsExactly(1, 2);
        assertThat(numbers(new RecordingRetention(10_000, Duration.ofHours(5)).expired(CLOSED, NOW)))
                .containsExactly(1, 2, 3);
    }

    @Test
    void aSegmentEndedExactlyMaxAgeAgoStays() {
        List<RecordedSegment> closed = List.of(segment(1, DAY.plusMillis(1)), segment(2, DAY));
        assertThat(numbers(new RecordingRetention(10_000, DAY).expired(closed, NOW))).containsExactly(1);
    }

    @Test
    void aLimitBelowOneSegmentDeletesThemAll() {
        assertThat(numbers(new RecordingRetention(100, DAY).expired(CLOSED, NOW))).containsExactly(1, 2, 3, 4);
        assertThat(new RecordingRetention(100, DAY).expired(List.of(), NOW)).isEmpty();
    }

    private static RecordedSegment segment(int number, Duration endedAgo) {
        return new RecordedSegment(number, 10L * (number - 1), 10, 1_000_000L * (number - 1), 1_000_000, 100, 10,
                NOW.minus(endedAgo).toEpochMilli());
    }

    private static List<Integer> numbers(List<RecordedSegment> segments) {
        return segments.stream().map(RecordedSegment::number).toList();
    }
}
