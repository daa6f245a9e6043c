package io.stride.backend.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.task.TaskEvent;
import org.junit.jupiter.api.Test;

/**
 * When a running task is declared stuck, and which stage is named. Times are the backend's own receipt times; the
 * events' timestamps come from other hosts and are set here a day off, so a test that read them would fail.
 */
class TaskStallTest {

    private static final String TASK = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final long T0 = 1_000_000L;
    private static final long LIMIT = 120_000L;
    /** The other hosts' clocks: a day ahead of the backend's. */
    private static final long SKEW = 86_400_000L;
    private static final long BROKER_NEVER_AWAY = Long.MIN_VALUE;

    @Test
    void namesTheFirstStageWithFramesWaitingThatFinishedNoneForTheLimit() {
        TaskState task = running();
        task.apply(progress(TaskRegistry.DECODER, 300), T0 + 10_000);
        task.apply(progress("yolox", 300), T0 + 20_000);
        task.apply(progress("bytetrack", 300), T0 + 21_000);
        task.apply(progress("rtmpose", 150), T0 + 30_000);
        task.apply(progress("annotation", 150), T0 + 31_000);

        assertThat(stall(task, T0 + 30_000 + LIMIT - 1, true)).isEmpty();
        assertThat(stall(task, T0 + 30_000 + LIMIT, true)).contains("no progress from rtmpose-service for 120 s");
    }

    @Test
    void aPipelineThatWaitsForTheDecoderIsNotStuck() {
        TaskState task = running();
        task.apply(progress(TaskRegistry.DECODER, 300), T0 + 5_000);
        for (String stage : TaskSnapshot.STAGES) {
            task.apply(progress(stage, 300), T0 + 5_000);
        }

        assertThat(stall(task, T0 + 10 * LIMIT, true)).isEmpty();
    }

    @Test
    void aTaskWhoseEveryFrameIsAnnotatedButWhoseResultNeverCameIsNamedAsSuch() {
        TaskState task = running();
        task.apply(TaskEvent.decoded(TASK, 100), T0);
        for (String stage : TaskSnapshot.STAGES) {
            task.apply(progress(stage, 100), T0 + 5_000);
        }

        assertThat(stall(task, T0 + 5_000 + LIMIT - 1, false)).isEmpty();
        assertThat(stall(task, T0 + 5_000 + LIMIT, false)).contains(TaskState.UNREPORTED_RESULT + "120 s");
    }

    @Test
    void aStageThatNeverStartedCountsFromTheTasksStart() {
        TaskState task = running();
        task.apply(TaskEvent.decoded(TASK, 100), T0);

        assertThat(stall(task, T0 + LIMIT - 1, false)).isEmpty();
        assertThat(stall(task, T0 + LIMIT, false)).contains("no progress from yolox-service for 120 s");
    }

    @Test
    void noStallIsCountedWhileTheBrokerWasAway() {
        TaskState task = running();
        task.apply(progress(TaskRegistry.DECODER, 300), T0 + 1_000);
        task.apply(progress("yolox", 100), T0 + 2_000);
        long brokerBack = T0 + 5 * LIMIT;

        assertThat(task.stallReason(brokerBack + LIMIT - 1, brokerBack, LIMIT, true)).isEmpty();
        assertThat(task.stallReason(brokerBack + LIMIT, brokerBack, LIMIT, true))
                .contains("no progress from yolox-service for 120 s");
    }

    @Test
    void aDecodeNobodyDoesAnyMoreFailsTheTask() {
        TaskState task = running();
        task.apply(progress(TaskRegistry.DECODER, 60), T0 + LIMIT - 2_000);
        for (String stage : TaskSnapshot.STAGES) {
            task.apply(progress(stage, 60), T0 + LIMIT - 1_000);
        }

        assertThat(stall(task, T0 + LIMIT, true)).isEmpty();
        assertThat(stall(task, T0 + LIMIT, false)).contains(
                "decoding stopped: the backend restarted while decoding this task; upload the video again");
    }

    @Test
    void endedTasksAreNeverStuck() {
        TaskState task = running();
        task.apply(TaskEvent.failed(TASK, "yolox", "boom"), T0);
        assertThat(stall(task, T0 + 10 * LIMIT, false)).isEmpty();
    }

    @Test
    void aQueuedTaskCountsFromItsStartNotFromItsUpload() {
        TaskState task = new TaskState(TASK);
        task.apply(new TaskEvent(TASK, TaskEvent.Type.QUEUED, "backend", 0, 300, "clip.mp4", 0), 1, T0 - 10 * LIMIT);
        assertThat(stall(task, T0, true)).as("queued, not running").isEmpty();
        task.apply(new TaskEvent(TASK, TaskEvent.Type.STARTED, "backend", 0, 300, "clip.mp4", 0), 2, T0);
        task.apply(progress(TaskRegistry.DECODER, 300), T0 + 1_000);

        assertThat(stall(task, T0 + LIMIT - 1, true)).isEmpty();
        assertThat(stall(task, T0 + LIMIT, true)).contains("no progress from yolox-service for 120 s");
    }

    @Test
    void aResumedTaskCountsFromTheResumeNotFromBeforeTheRestart() {
        TaskState task = running();
        task.apply(progress(TaskRegistry.DECODER, 300), T0 + 1_000);
        task.apply(progress("yolox", 100), T0 + 2_000);
        long restart = T0 + 10 * LIMIT;
        task.resumed(restart);

        assertThat(stall(task, restart + LIMIT - 1, true)).isEmpty();
        assertThat(stall(task, restart + LIMIT, true)).contains("no progress from yolox-service for 120 s");
    }

    @Test
    void theDecodersWarningReachesTheStatus() {
        TaskState task = running();
        task.apply(TaskEvent.decoded(TASK, 20, "input truncated or damaged: decoded 20 of 314 frames"), T0);
        task.apply(TaskEvent.completed(TASK, "annotation", 20), T0 + 1_000);

        assertThat(task.status(0)).isEqualTo(new TaskStatus(TASK, "completed", "100%", null,
                "input truncated or damaged: decoded 20 of 314 frames", null, null));
        assertThat(task.snapshot(0).warning()).isEqualTo("input truncated or damaged: decoded 20 of 314 frames");
    }

    private static java.util.Optional<String> stall(TaskState task, long now, boolean decodingHere) {
        return task.stallReason(now, BROKER_NEVER_AWAY, LIMIT, decodingHere);
    }

    private static TaskState running() {
        TaskState task = new TaskState(TASK);
        task.apply(new TaskEvent(TASK, TaskEvent.Type.STARTED, "backend", 0, 300, "clip.mp4", T0 + SKEW), T0);
        return task;
    }

    private static TaskEvent progress(String source, long frames) {
        return new TaskEvent(TASK, TaskEvent.Type.PROGRESS, source, frames, -1, "", T0 - SKEW);
    }
}
