package io.stride.backend.options;

import io.stride.backend.webhook.WebhookUrl;
import io.stride.core.analytics.AnalysisRequest;
import io.stride.core.analytics.CountingLine;
import io.stride.core.analytics.Point;
import io.stride.core.analytics.Zone;
import io.stride.core.frame.StageOptions;
import java.util.List;
import java.util.Optional;

/**
 * What an uploader asked of a task (the {@code options} field of {@code POST /upload}): the stages' options, which
 * travel on every frame record, with the lines and zones the task's own analytics count.
 *
 * @param stages  classes, lowest score, poses, lines and zones
 * @param webhook where the task's analytics events and its end are POSTed, if anywhere
 */
public record TaskOptions(StageOptions stages, Optional<WebhookUrl> webhook) {

    /** A task uploaded without options. */
    public static final TaskOptions NONE = new TaskOptions(StageOptions.DEFAULT);

    /** Options without a webhook. */
    public TaskOptions(StageOptions stages) {
        this(stages, Optional.empty());
    }

    /** The lines and zones, possibly none. */
    public AnalysisRequest analysis() {
        return stages.analysis();
    }

    /** Whether the task has lines or zones to count. */
    public boolean hasAnalytics() {
        return !stages.analysis().isEmpty();
    }

    /**
     * Refuses a point outside the upright frame of {@code width × height} pixels; points on its border are inside.
     *
     * @throws InvalidTaskOptions naming the first such point
     */
    public void requireInside(int width, int height) {
        List<CountingLine> lines = analysis().lines();
        for (int i = 0; i < lines.size(); i++) {
            requireInside(lines.get(i).from(), "lines[" + i + "].from", width, height);
            requireInside(lines.get(i).to(), "lines[" + i + "].to", width, height);
        }
        List<Zone> zones = analysis().zones();
        for (int i = 0; i < zones.size(); i++) {
            List<Point> polygon = zones.get(i).polygon();
            for (int k = 0; k < polygon.size(); k++) {
                requireInside(polygon.get(k), "zones[" + i + "].polygon[" + k + "]", width, height);
            }
        }
    }

    private static void requireInside(Point point, String field, int width, int height) {
        if (point.x() > width || point.y() > height) {
            throw new InvalidTaskOptions(field, point + " is outside the " + width + "x" + height + " frame");
        }
    }
}
