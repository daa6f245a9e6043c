package io.stride.backend.tasks;

import io.stride.backend.StreamUrls;
import io.stride.backend.camera.CameraStatuses;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.task.TaskSnapshot;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The registry's tasks as the API shows them: with elapsed time, processing rate and stream URL. */
@Component
public class TaskViews {

    private final TaskRegistry registry;
    private final StreamUrls streamUrls;
    private final CameraStatuses cameras;
    private final Clock clock = Clock.systemUTC();

    TaskViews(TaskRegistry registry, StreamUrls streamUrls, CameraStatuses cameras) {
        this.registry = registry;
        this.streamUrls = streamUrls;
        this.cameras = cameras;
    }

    /** Newest upload first; deleted tasks are not listed. */
    public List<TaskView> all() {
        long now = clock.millis();
        return registry.all().stream().map(task -> view(task, now)).toList();
    }

    public Optional<TaskView> find(String taskId) {
        return registry.snapshot(taskId).map(task -> view(task, clock.millis()));
    }

    private TaskView view(TaskSnapshot task, long now) {
        return cameras.of(TaskView.of(task, now, streamUrls.of(task.taskId()),
                streamUrls.readToken(task.taskId()).orElse(null)));
    }
}
