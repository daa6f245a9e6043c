package io.stride.backend.api;

import io.stride.backend.task.TaskRegistry;

/** The answer for a completed task whose result file is not there: gone, or never written (a camera's). */
public final class MissingResults {

    private MissingResults() {
    }

    /** 404 saying why the task has no such file, and for a camera where its results are instead. */
    public static ApiException of(TaskRegistry registry, String taskId) {
        if (registry.source(taskId).isPresent()) {
            return ApiException.notFound("task " + taskId + " is a camera's: its video and tracks are in its "
                    + "recording segments (GET /result/" + taskId + "/segments), its counts at GET /result/" + taskId
                    + "/analytics");
        }
        return ApiException.notFound("the results of task " + taskId + " are no longer available");
    }
}
