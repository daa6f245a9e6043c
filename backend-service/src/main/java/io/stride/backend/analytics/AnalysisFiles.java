package io.stride.backend.analytics;

import io.stride.core.result.ResultFiles;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where one analysis of a task is kept: beside the task's results and named after the task
 * ({@code {task}.analysis-{id}.json} and {@code {task}.analysis-{id}.events.jsonl}), so deleting the task or its
 * results' retention removes it with them. The analytics file is written last: while it is missing the analysis
 * is not finished. The task's heatmap is kept there too ({@link #heatmap}).
 */
record AnalysisFiles(Path directory, String taskId, String analysisId) {

    /** 64 random bits in hex: not a UUID, so a task token's check never mistakes it for the task's id. */
    static final Pattern ANALYSIS_ID = Pattern.compile("[0-9a-f]{16}");
    /** The analysis of the lines and zones the task was uploaded with; never drawn as a random id. */
    static final String OF_OPTIONS = "0000000000000000";
    static final String INFIX = ".analysis-";
    static final String ANALYTICS_SUFFIX = ".json";

    AnalysisFiles {
        if (!ANALYSIS_ID.matcher(analysisId).matches()) {
            throw new IllegalArgumentException("not an analysis id: " + analysisId);
        }
    }

    Path analytics() {
        return directory.resolve(taskId + INFIX + analysisId + ANALYTICS_SUFFIX);
    }

    Path events() {
        return directory.resolve(taskId + INFIX + analysisId + ".events.jsonl");
    }

    /**
     * The task's heatmap, {@code {task}.heatmap.png}: drawn once, on first request, and removed with the rest of
     * the task's files.
     */
    static Path heatmap(Path directory, String taskId) {
        return directory.resolve(taskId + ".heatmap.png");
    }

    static Path partial(Path file) {
        return ResultFiles.partial(file);
    }

    /** Whether {@code fileName} is the analytics file of a finished analysis a user asked for. */
    static boolean isAnalytics(String taskId, String fileName) {
        return fileName.startsWith(taskId + INFIX) && fileName.endsWith(ANALYTICS_SUFFIX)
                && !fileName.equals(taskId + INFIX + OF_OPTIONS + ANALYTICS_SUFFIX);
    }
}
