package io.stride.annotation.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Who gets which frame, how often frames are wanted, and how many may watch. */
class PreviewHubTest {

    private static final String TASK = "00000000-0000-4000-8000-000000000001";
    private static final String OTHER = "00000000-0000-4000-8000-000000000002";
    private static final Duration SHORT = Duration.ofMillis(50);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final PreviewHub hub = new PreviewHub(2, 10, now::get);

    @Test
    void framesAreOnlyWantedWhileSomeoneWatches() {
        assertThat(hub.wantsFrame(TASK)).isFalse();

        PreviewHub.Viewer viewer = hub.watch(TASK);
        assertThat(hub.wantsFrame(TASK)).isTrue();
        assertThat(hub.wantsFrame(OTHER)).isFalse();

        viewer.close();
        assertThat(hub.wantsFrame(TASK)).isFalse();
        assertThat(hub.watchedTasks()).isZero();
    }

    @Test
    void framesAreWantedAtMostMaxFpsTimesASecond() {
        hub.watch(TASK);
        hub.publish(TASK, new byte[] {1});

        now.addAndGet(99 * MS);
        assertThat(hub.wantsFrame(TASK)).as("99 ms after a frame, at 10 fps").isFalse();
        now.addAndGet(MS);
        assertThat(hub.wantsFrame(TASK)).as("100 ms after a frame").isTrue();
    }

    @Test
    void aViewerGetsTheNewestFrameOnceAndThenWaits() throws Exception {
        PreviewHub.Viewer viewer = hub.watch(TASK);
        hub.publish(TASK, new byte[] {1});
        hub.publish(TASK, new byte[] {2});

        PreviewFrame first = viewer.next(SHORT);
        assertThat(first.jpeg()).containsExactly(2);
        assertThat(first.sequence()).isEqualTo(2);
        assertThat(viewer.next(SHORT)).as("nothing new").isNull();

        CompletableFuture<PreviewFrame> waiting = CompletableFuture.supplyAsync(() -> next(viewer, Duration.ofSeconds(10)));
        hub.publish(TASK, new byte[] {3});
        assertThat(waiting.get(10, TimeUnit.SECONDS).jpeg()).containsExactly(3);
    }

    @Test
    void aViewerJoiningLateStartsWithTheLatestFrame() throws Exception {
        PreviewHub.Viewer early = hub.watch(TASK);
        hub.publish(TASK, new byte[] {7});

        PreviewHub.Viewer late = hub.watch(TASK);

        assertThat(late.next(SHORT).jpeg()).containsExactly(7);
        assertThat(early.next(SHORT).jpeg()).containsExactly(7);
    }

    @Test
    void framesOfATaskNobodyWatchesAreDropped() throws Exception {
        hub.publish(TASK, new byte[] {1});

        PreviewHub.Viewer viewer = hub.watch(TASK);

        assertThat(viewer.next(SHORT)).isNull();
    }

    @Test
    void closingAViewerWakesItsWaitAndFreesItsPlace() throws Exception {
        PreviewHub.Viewer first = hub.watch(TASK);
        PreviewHub.Viewer second = hub.watch(OTHER);
        assertThatThrownBy(() -> hub.watch(TASK)).isInstanceOf(PreviewHub.TooManyViewersException.class)
                .hasMessage("all 2 preview streams are in use; try again later");

        CompletableFuture<PreviewFrame> waiting = CompletableFuture.supplyAsync(() -> next(first, Duration.ofSeconds(30)));
        Thread.sleep(50);
        first.close();
        first.close();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(hub.viewers()).isEqualTo(1);
        hub.watch(TASK).close();
        second.close();
        assertThat(hub.viewers()).isZero();
    }

    private static PreviewFrame next(PreviewHub.Viewer viewer, Duration timeout) {
        try {
            return viewer.next(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
