package io.stride.core.frame;

import java.util.Objects;
import java.util.Set;

/**
 * What a task asks of the stages, carried on each of its frame records so that a stage never needs to look a task
 * up, whether it meets the task at its start, after a restart or on another instance.
 *
 * @param classIds COCO class ids to keep; empty keeps every class
 * @param minScore lowest detection score kept, 0 to 1; 0 keeps every detection the detector reports
 * @param pose     whether the pose stage estimates poses for this task
 */
public record StageOptions(Set<Integer> classIds, float minScore, boolean pose) {

    /** Every class, every score, poses on: what a task without options gets. */
    public static final StageOptions DEFAULT = new StageOptions(Set.of(), 0f, true);

    public StageOptions {
        Objects.requireNonNull(classIds, "classIds");
        classIds = Set.copyOf(classIds);
        if (!(minScore >= 0f && minScore <= 1f)) {
            throw new IllegalArgumentException("minScore must be within 0 and 1, was " + minScore);
        }
    }

    /** Whether the detection is one the task wants tracked and drawn. */
    public boolean keeps(Detection detection) {
        return detection.score() >= minScore && (classIds.isEmpty() || classIds.contains(detection.classId()));
    }
}
