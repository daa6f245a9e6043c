package io.stride.backend.options;

import io.stride.backend.analytics.AnalysisRequestParser;
import io.stride.backend.analytics.InvalidAnalysisRequest;
import io.stride.backend.webhook.WebhookUrl;
import io.stride.core.analytics.AnalysisRequest;
import io.stride.core.frame.StageOptions;
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
        try {
            AnalysisRequestParser.requireInside(analysis(), width, height);
        } catch (InvalidAnalysisRequest e) {
            throw InvalidTaskOptions.within(e.getMessage());
        }
    }
}
