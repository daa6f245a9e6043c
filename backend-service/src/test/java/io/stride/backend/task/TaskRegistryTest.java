package io.stride.backend.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEvent.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry's listing, snapshots and deletions, folded from events as the event reader delivers them. */
class TaskRegistryTest {

    private static final String FIRST = "00000000-0000-4000-8000-000000000001";
    private static final String SECOND = "00000000-0000-4000-8000-000000000002";

    private final TaskRegistry registry = new TaskRegistry(Ticker.SYSTEM);

    @Test
    void snapshotShowsEveryStagesProgressAndTheTimes() {
        registry.apply(event(FIRST, Type.STARTED, "backend", 0, 300, "walk.mp4", 1_000));
        registry.apply(event(FIRST, Type.PROGRESS, "yolox", 120, -1, "", 2_000));
        registry.apply(event(FIRST, Type.PROGRESS, "bytetrack", 100, -1, "", 2_000));
        registry.apply(event(FIRST, Type.PROGRESS, "annotation", 60, -1, "", 2_500));
        registry.apply(event(FIRST, Type.PROGRESS, "yolox", 90, -1, "", 2_600));

        TaskSnapshot task = registry.snapshot(FIRST).orElseThrow();

        assertThat(task).isEqualTo(new TaskSnapshot(FIRST, "walk.mp4", "running", 20, 300, false,
                Map.of("yolox", 120L, "bytetrack", 100L, "rtmpose", 0L, "annotation", 60L), 1_000, 0, null));
        assertThat(task.framesDone().keySet()).containsExactly("yolox", "bytetrack", "rtmpose", "annotation");
        assertThat(task.isEnded()).isFalse();
    }

    @Test
    void aCompletedTaskCountsEveryFrameForEveryStage() {
        registry.apply(event(FIRST, Type.STARTED, "backend", 0, 300, "walk.mp4", 1_000));
        registry.apply(event(FIRST, Type.PROGRESS, "yolox", 250, -1, "", 2_000));
        registry.apply(event(FIRST, Type.COMPLETED, "annotation", 314, 314, "", 9_000));

        TaskSnapshot task = registry.snapshot(FIRST).orElseThrow();

        assertThat(task.framesDone()).containsExactly(entry("yolox", 314L), entry("bytetrack", 314L),
                entry("rtmpose", 314L), entry("annotation", 314L));
        assertThat(task.frameCount()).isEqualTo(314);
        assertThat(task.frameCountExact()).isTrue();
        assertThat(task.endedAt()).isEqualTo(9_000);
        assertThat(task.progressPercent()).isEqualTo(100);
        assertThat(task.error()).isNull();
    }

    @Test
    void listsNewestUploadFirst() {
        registry.apply(event(FIRST, Type.STARTED, "backend", 0, 10, "old.mp4", 1_000));
        registry.apply(event(SECOND, Type.STARTED, "backend", 0, 10, "new.mp4", 5_000));

        assertThat(registry.all()).extracting(TaskSnapshot::fileName).containsExactly("new.mp4", "old.mp4");
    }

    @Test
    void cancellingARunningTaskKeepsItListedEvenWhenTheEventIsReplayed() {
        registry.apply(event(FIRST, Type.STARTED, "backend", 0, 10, "walk.mp4", 1_000));
        TaskEvent cancelled = event(FIRST, Type.CANCELLED, "backend", 0, -1, "cancelled by a user", 3_000);

        registry.apply(cancelled);
        registry.apply(cancelled); // the local apply, then the same event read back from the topic

        assertThat(registry.all()).extracting(TaskSnapshot::status).containsExactly("cancelled");
        assertThat(registry.snapshot(FIRST).orElseThrow().error()).isEqualTo("cancelled by a user");
        assertThat(registry.status(FIRST).orElseThrow().status()).isEqualTo("cancelled");
    }

    @Test
    void aCancellationAfterTheEndDeletesTheTaskForGood() {
        registry.apply(event(FIRST, Type.STARTED, "backend", 0, 10, "walk.mp4", 1_000));
        registry.apply(event(FIRST, Type.COMPLETED, "annotation", 10, 10, "", 2_000));
        registry.apply(event(SECOND, Type.STARTED, "backend", 0, 10, "other.mp4", 1_500));

        registry.apply(event(FIRST, Type.CANCELLED, "backend", 0, -1, "deleted by a user", 3_000));
        registry.apply(event(FIRST, Type.PROGRESS, "yolox", 10, -1, "", 3_500));

        assertThat(registry.all()).extracting(TaskSnapshot::taskId).containsExactly(SECOND);
        assertThat(registry.snapshot(FIRST)).isEmpty();
        assertThat(registry.status(FIRST)).isEmpty();
        assertThat(registry.isEnded(FIRST)).isTrue();
    }

    @Test
    void changeListenersHearEveryEventsTask() {
        List<String> heard = new ArrayList<>();
        registry.onChange(heard::add);

        registry.apply(event(FIRST, Type.STARTED, "backend", 0, 10, "walk.mp4", 1_000));
        registry.apply(event(SECOND, Type.STARTED, "backend", 0, 10, "other.mp4", 1_000));
        registry.apply(event(FIRST, Type.PROGRESS, "yolox", 3, -1, "", 1_200));

        assertThat(heard).containsExactly(FIRST, SECOND, FIRST);
    }

    @Test
    void queuedTasksWaitInTheOrderTheirEventsCameAndLeaveTheQueueWhenTheyStartOrEnd() {
        String third = "00000000-0000-4000-8000-000000000003";
        registry.apply(event(FIRST, Type.QUEUED, "backend", 0, 10, "a.mp4", 1_000));
        registry.apply(event(SECOND, Type.QUEUED, "backend", 0, 10, "b.mp4", 900)); // clocks differ; order counts
        registry.apply(event(third, Type.QUEUED, "backend", 0, 10, "c.mp4", 1_100));
        registry.apply(event(FIRST, Type.QUEUED, "backend", 0, 10, "a.mp4", 1_000)); // read back: no new place

        assertThat(registry.queue()).containsExactly(FIRST, SECOND, third);
        assertThat(registry.status(SECOND).orElseThrow()).isEqualTo(new TaskStatus(SECOND, "queued", "0%", null, null, 2, null));
        assertThat(registry.snapshot(third).orElseThrow().queuePosition()).isEqualTo(3);
        assertThat(registry.running()).isEmpty();

        registry.apply(event(FIRST, Type.STARTED, "backend", 0, 10, "a.mp4", 2_000));
        registry.apply(event(SECOND, Type.CANCELLED, "backend", 0, -1, "cancelled by a user", 2_100));

        assertThat(registry.queue()).containsExactly(third);
        assertThat(registry.queuePosition(third)).isEqualTo(1);
        assertThat(registry.queuePosition(FIRST)).isZero();
        assertThat(registry.status(FIRST).orElseThrow().queuePosition()).isNull();
        assertThat(registry.running()).containsExactly(FIRST);
        assertThat(registry.all()).filteredOn(task -> task.taskId().equals(third))
                .extracting(TaskSnapshot::queuePosition).containsExactly(1);
    }

    @Test
    void aQueuedTaskKeepsItsUploadTimeAndFileNameWhenItStarts() {
        registry.apply(event(FIRST, Type.QUEUED, "backend", 0, 300, "walk.mp4", 1_000));
        registry.apply(event(FIRST, Type.STARTED, "backend", 0, 300, "walk.mp4", 60_000));

        TaskSnapshot task = registry.snapshot(FIRST).orElseThrow();
        assertThat(task.startedAt()).isEqualTo(1_000);
        assertThat(task.status()).isEqualTo("running");
        assertThat(task.fileName()).isEqualTo("walk.mp4");
    }

    private static TaskEvent event(String taskId, Type type, String source, long framesDone, long frameCount,
                                   String message, long timestamp) {
        return new TaskEvent(taskId, type, source, framesDone, frameCount, message, timestamp);
    }
}
