package io.stride.rtsp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.rtsp.protocol.SessionDescription;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PathRegistryTest {

    private static final SessionDescription ONE_TRACK =
            SessionDescription.parse("v=0\r\ns=x\r\nm=video 0 RTP/AVP 96\r\n");

    private final PathRegistry registry = new PathRegistry(4, new RelayCounters());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aPathHasOnePublisherAndIsLiveOnlyFromRecordUntilRelease() {
        LivePath claimed = registry.claim("/a", ONE_TRACK).orElseThrow();

        assertThat(registry.claim("/a", ONE_TRACK)).isEmpty();
        assertThat(registry.live("/a")).isEmpty();

        registry.goLive(claimed);
        assertThat(registry.live("/a")).containsSame(claimed);
        assertThat(registry.livePaths()).isEqualTo(1);

        registry.release(claimed);
        assertThat(registry.live("/a")).isEmpty();
        assertThat(claimed.isClosed()).isTrue();
        assertThat(registry.claim("/a", ONE_TRACK)).isPresent();
    }

    @Test
    void waitingForAPathEndsWhenItGoesLive() throws Exception {
        var waiting = registry.whenLive("/b", Duration.ofSeconds(10), timer);
        assertThat(waiting).isNotDone();

        LivePath claimed = registry.claim("/b", ONE_TRACK).orElseThrow();
        assertThat(waiting).isNotDone();
        registry.goLive(claimed);

        assertThat(waiting.get(1, TimeUnit.SECONDS)).containsSame(claimed);
    }

    @Test
    void waitingForAPathThatNeverComesEndsEmptyAfterTheWait() throws Exception {
        long start = System.nanoTime();
        var waiting = registry.whenLive("/c", Duration.ofMillis(100), timer);

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(100);
    }

    @Test
    void aReleasedPathCannotGoLive() {
        LivePath claimed = registry.claim("/d", ONE_TRACK).orElseThrow();
        registry.release(claimed);

        registry.goLive(claimed);

        assertThat(registry.live("/d")).isEmpty();
    }
}
