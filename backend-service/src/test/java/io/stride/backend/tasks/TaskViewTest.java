package io.stride.backend.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.backend.task.TaskSnapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Elapsed time and processing rate, as the page shows them. */
class TaskViewTest {

    private static final String ID = "00000000-0000-4000-8000-000000000001";
    private static final String URL = "rtsp://localhost:8554/" + ID;

    @Test
    void aRunningTaskIsTimedUpToNow() {
        var task = new TaskSnapshot(ID, "walk.mp4", "running", 33, 300, true,
                Map.of("yolox", 120L, "bytetrack", 110L, "rtmpose", 105L, "annotation", 100L), 10_000, 0, null);

        TaskView view = TaskView.of(task, 22_000, URL, null);

        assertThat(view.elapsedMs()).isEqualTo(12_000);
        assertThat(view.fps()).isEqualTo(8.3); // 100 frames in 12 s
        assertThat(view.endedAt()).isNull();
        assertThat(view.progress()).isEqualTo(33);
        assertThat(view.frames()).isEqualTo(300);
        assertThat(view.framesDone()).containsEntry("yolox", 120L).containsEntry("annotation", 100L);
        assertThat(view.streamUrl()).isEqualTo(URL);
    }

    @Test
    void anEndedTaskIsTimedUpToItsEnd() {
        var task = new TaskSnapshot(ID, "walk.mp4", "completed", 100, 314, true,
                Map.of("yolox", 314L, "bytetrack", 314L, "rtmpose", 314L, "annotation", 314L), 10_000, 50_000, null);

        TaskView view = TaskView.of(task, 999_000, URL, null);

        assertThat(view.elapsedMs()).isEqualTo(40_000);
        assertThat(view.fps()).isEqualTo(7.9); // 314 frames in 40 s = 7.85
        assertThat(view.endedAt()).isEqualTo(50_000L);
    }

    @Test
    void aTaskNotYetStartedHasNoTimeAndNoRate() {
        var task = new TaskSnapshot(ID, "", "queued", 0, -1, false,
                Map.of("yolox", 4L, "bytetrack", 0L, "rtmpose", 0L, "annotation", 0L), 0, 0, null);

        TaskView view = TaskView.of(task, 5_000, URL, null);

        assertThat(view.elapsedMs()).isZero();
        assertThat(view.fps()).isZero();
    }

    @Test
    void aFailedTaskShowsWhy() {
        var task = new TaskSnapshot(ID, "walk.mp4", "failed", 12, 300, true,
                Map.of("yolox", 40L, "bytetrack", 38L, "rtmpose", 36L, "annotation", 36L), 1_000, 4_000,
                "rtmpose: out of memory");

        TaskView view = TaskView.of(task, 9_000, URL, null);

        assertThat(view.error()).isEqualTo("rtmpose: out of memory");
        assertThat(view.elapsedMs()).isEqualTo(3_000);
        assertThat(view.fps()).isEqualTo(12.0);
    }
}
