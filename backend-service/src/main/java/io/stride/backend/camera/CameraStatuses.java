package io.stride.backend.camera;

import io.stride.backend.task.CameraCounters;
import io.stride.backend.task.CameraSource;
import io.stride.backend.task.SourceView;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.task.TaskStatus;
import io.stride.backend.tasks.TaskView;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * A camera task's status as answers show it: the task's phase and its ingest's state mapped to one of
 * {@code connecting}, {@code live}, {@code reconnecting}, {@code stopped} and {@code failed}, with its source (URL
 * masked) and counters. Upload tasks' answers pass through unchanged.
 */
@Component
public class CameraStatuses {

    public static final String CONNECTING = "connecting";
    public static final String LIVE = "live";
    public static final String RECONNECTING = "reconnecting";
    public static final String STOPPED = "stopped";
    public static final String FAILED = "failed";

    private final TaskRegistry registry;
    private final CameraIngests ingests;

    CameraStatuses(TaskRegistry registry, CameraIngests ingests) {
        this.registry = registry;
        this.ingests = ingests;
    }

    public TaskStatus of(TaskStatus status) {
        return registry.source(status.taskId())
                .map(source -> status.asCamera(status(status.taskId(), status.status()), view(source),
                        counters(status.taskId())))
                .orElse(status);
    }

    public TaskView of(TaskView view) {
        return registry.source(view.taskId())
                .map(source -> view.asCamera(status(view.taskId(), view.status()), view(source),
                        counters(view.taskId())))
                .orElse(view);
    }

    /** @param phase the task's phase: queued, running, completed, failed or cancelled */
    String status(String taskId, String phase) {
        return switch (phase) {
            case "completed", "cancelled" -> STOPPED;
            case "failed" -> FAILED;
            // The ingest's states are named as the statuses they show.
            default -> ingests.state(taskId).map(state -> state.name().toLowerCase(Locale.ROOT)).orElse(CONNECTING);
        };
    }

    private CameraCounters counters(String taskId) {
        return ingests.counters(taskId).orElse(CameraCounters.NONE);
    }

    private static SourceView view(CameraSource source) {
        return new SourceView(masked(source.url()), source.name());
    }

    private static String masked(String url) {
        try {
            return SourceUrl.parse(url).masked();
        } catch (IllegalArgumentException e) {
            return "(invalid URL)"; // never shown as stored: it might hold credentials
        }
    }
}
