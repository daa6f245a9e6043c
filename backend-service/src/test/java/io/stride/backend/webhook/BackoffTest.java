package io.stride.backend.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(60),
            Duration.ofMinutes(10));

    @Test
    void doublesFromOneSecondUpToAMinute() {
        List<Long> seconds = new ArrayList<>();
        for (int attempts = 1; attempts <= 9; attempts++) {
            seconds.add(DEFAULT.delayAfter(attempts).toSeconds());
        }
        assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void givesUpWhenTheNextAttemptWouldComeAfterTheRetryPeriod() {
        // 1+2+4+8+16+32 = 63 s, then a minute each: a 16th attempt would start at 603 s, past the 10 minutes.
        List<Long> startsAt = new ArrayList<>(List.of(0L));
        long elapsed = 0;
        int attempts = 1;
        Optional<Duration> next;
        while ((next = DEFAULT.next(attempts, Duration.ofSeconds(elapsed))).isPresent()) {
            elapsed += next.get().toSeconds();
            startsAt.add(elapsed);
            attempts++;
        }
        assertThat(startsAt).containsExactly(0L, 1L, 3L, 7L, 15L, 31L, 63L, 123L, 183L, 243L, 303L, 363L, 423L,
                483L, 543L);
    }

    @Test
    void aFractionalFactorRoundsToMilliseconds() {
        var backoff = new Backoff(Duration.ofMillis(100), 1.5, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMillis(150));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofMillis(225));
        assertThat(backoff.delayAfter(7)).isEqualTo(Duration.ofSeconds(1));
    }
}
