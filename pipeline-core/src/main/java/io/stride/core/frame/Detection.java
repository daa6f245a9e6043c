package io.stride.core.frame;

/** One object found by the detector: where, how sure, and which COCO class (0 = person). */
public record Detection(BoundingBox box, float score, int classId) {
}
