package io.stride.core.frame;

/** A detection the tracker has linked across frames; {@code trackId} is stable for the whole task. */
public record TrackedObject(int trackId, BoundingBox box, float score, int classId) {
}
