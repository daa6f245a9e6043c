package io.stride.backend.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.task.TaskEvent;
import org.junit.jupiter.api.Test;

/** When a running task is declared stuck, and which stage is named. */
class TaskStallTest {

    private static final String TASK = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final long T0 = 1_000_000L;
    private static final long LIMIT = 120_000L;

    @Test
    void namesTheFirstStageWithFramesWaitingThatFinishedNoneForTheLimit() {
        TaskState task = running();
        task.apply(progress(TaskRegistry.DECODER, 300, T0 + 10_000));
        task.apply(progress("yolox", 300, T0 + 20_000));
        task.apply(progress("bytetrack", 300, T0 + 21_000));
        task.apply(progress("rtmpose", 150, T0 + 30_000));
        task.apply(progress("annotation", 150, T0 + 31_000));

        assertThat(task.stallReason(T0 + 30_000 + LIMIT - 1, LIMIT, true)).isEmpty();
        assertThat(task.stallReason(T0 + 30_000 + LIMIT, LIMIT, true))
                .contains("no progress from rtmpose-service for 120 s");
    }

    @Test
    void aStageWithNothingWaitingIsNotStuck() {
        TaskState task = running();
        task.apply(TaskEvent.decoded(TASK, 100));
        for (String stage : TaskSnapshot.STAGES) {
            task.apply(progress(stage, 100, T0 + 5_000));
        }
        assertThat(task.stallReason(T0 + 10 * LIMIT, LIMIT, false)).isEmpty();
    }

    @Test
    void aStageThatNeverStartedCountsFromTheTasksStart() {
        TaskState task = running();
        task.apply(TaskEvent.decoded(TASK, 100));

        assertThat(task.stallReason(T0 + LIMIT - 1, LIMIT, false)).isEmpty();
        assertThat(task.stallReason(T0 + LIMIT, LIMIT, false)).contains("no progress from yolox-service for 120 s");
    }

    @Test
    void aDecodeNobodyDoesAnyMoreFailsTheTask() {
        TaskState task = running();
        task.apply(progress(TaskRegistry.DECODER, 60, T0 + LIMIT - 2_000));
        for (String stage : TaskSnapshot.STAGES) {
            task.apply(progress(stage, 60, T0 + LIMIT - 1_000));
        }

        assertThat(task.stallReason(T0 + LIMIT, LIMIT, true)).isEmpty();
        assertThat(task.stallReason(T0 + LIMIT, LIMIT, false)).contains(
                "decoding stopped: the backend restarted while decoding this task; upload the video again");
    }

    @Test
    void endedTasksAreNeverStuck() {
        TaskState task = running();
        task.apply(TaskEvent.failed(TASK, "yolox", "boom"));
        assertThat(task.stallReason(T0 + 10 * LIMIT, LIMIT, false)).isEmpty();
    }

    @Test
    void aQueuedTaskCountsFromItsStartNotFromItsUpload() {
        TaskState task = new TaskState(TASK);
        task.apply(new TaskEvent(TASK, TaskEvent.Type.QUEUED, "backend", 0, 300, "clip.mp4", T0 - 10 * LIMIT), 1);
        assertThat(task.stallReason(T0, LIMIT, true)).as("queued, not running").isEmpty();
        task.apply(new TaskEvent(TASK, TaskEvent.Type.STARTED, "backend", 0, 300, "clip.mp4", T0), 2);
        task.apply(progress(TaskRegistry.DECODER, 300, T0 + 1_000));

        assertThat(task.stallReason(T0 + LIMIT - 1, LIMIT, true)).isEmpty();
        assertThat(task.stallReason(T0 + LIMIT, LIMIT, true)).contains("no progress from yolox-service for 120 s");
    }

    @Test
    void aResumedTaskCountsFromTheResumeNotFromBeforeTheRestart() {
        TaskState task = running();
        task.apply(progress(TaskRegistry.DECODER, 300, T0 + 1_000));
        task.apply(progress("yolox", 100, T0 + 2_000));
        long restart = T0 + 10 * LIMIT;
        task.resumed(restart);

        assertThat(task.stallReason(restart + LIMIT - 1, LIMIT, true)).isEmpty();
        assertThat(task.stallReason(restart + LIMIT, LIMIT, true)).contains("no progress from yolox-service for 120 s");
    }

    private static TaskState running() {
        TaskState task = new TaskState(TASK);
        task.apply(new TaskEvent(TASK, TaskEvent.Type.STARTED, "backend", 0, 300, "clip.mp4", T0));
        return task;
    }

    private static TaskEvent progress(String source, long frames, long at) {
        return new TaskEvent(TASK, TaskEvent.Type.PROGRESS, source, frames, -1, "", at);
    }
}
