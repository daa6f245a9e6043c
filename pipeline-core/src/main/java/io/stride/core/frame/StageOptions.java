package io.stride.core.frame;

import io.stride.core.analytics.AnalysisRequest;
import java.util.Objects;
import java.util.Set;

/**
 * What a task asks of the stages, carried on each of its frame records so that a stage never needs to look a task
 * up, whether it meets the task at its start, after a restart or on another instance.
 *
 * @param classIds COCO class ids to keep; empty keeps every class
 * @param minScore lowest detection score kept, 0 to 1; 0 keeps every detection the detector reports
 * @param pose     whether the pose stage estimates poses for this task
 * @param analysis the lines and zones whose crossings and visits are counted while the task runs, possibly none
 * @param live     whether the frames come from a live source that has no end (a camera), not from a file
 */
public record StageOptions(Set<Integer> classIds, float minScore, boolean pose, AnalysisRequest analysis,
                           boolean live) {

    /** Every class, every score, poses on, nothing counted, from a file: what a task without options gets. */
    public static final StageOptions DEFAULT = new StageOptions(Set.of(), 0f, true);

    public StageOptions {
        Objects.requireNonNull(classIds, "classIds");
        Objects.requireNonNull(analysis, "analysis");
        classIds = Set.copyOf(classIds);
        if (!(minScore >= 0f && minScore <= 1f)) {
            throw new IllegalArgumentException("minScore must be within 0 and 1, was " + minScore);
        }
    }

    /** Options of a file's task that counts nothing. */
    public StageOptions(Set<Integer> classIds, float minScore, boolean pose) {
        this(classIds, minScore, pose, AnalysisRequest.NONE, false);
    }

    /** Whether the detection is one the task wants tracked and drawn. */
    public boolean keeps(Detection detection) {
        return detection.score() >= minScore && (classIds.isEmpty() || classIds.contains(detection.classId()));
    }

    /** These options for a task whose frames come from a live source. */
    public StageOptions asLive() {
        return new StageOptions(classIds, minScore, pose, analysis, true);
    }
}
