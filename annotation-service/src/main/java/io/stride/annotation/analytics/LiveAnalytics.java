package io.stride.annotation.analytics;

import io.stride.core.analytics.AnalysisRequest;

/** Opens the live analytics of each task the annotation stage takes on. */
@FunctionalInterface
public interface LiveAnalytics {

    /** No task is analysed: for tests and tools that leave analytics out. */
    LiveAnalytics NONE = (taskId, request, framesDurable) -> TaskAnalytics.NONE;

    /**
     * The analytics of a task whose results go on after {@code framesDurable} frames (0 for a task started from
     * scratch): restored as they were after frame {@code framesDurable - 1}.
     *
     * @param request the task's lines and zones; none gives {@link TaskAnalytics#NONE}
     */
    TaskAnalytics open(String taskId, AnalysisRequest request, long framesDurable);
}
