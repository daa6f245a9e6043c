package io.stride.backend.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsDoubleUpToTheMaximumAndStartOverAfterAWorkingConnection() {
        var backoff = new Backoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(30));

        assertThat(Stream.generate(backoff::next).limit(7).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aFactorOfOneWaitsTheSameEachTime() {
        var backoff = new Backoff(Duration.ofMillis(500), 1, Duration.ofSeconds(30));

        assertThat(Stream.generate(backoff::next).limit(3).map(Duration::toMillis)).containsExactly(500L, 500L, 500L);
    }
}
