package io.stride.core.frame;

/** One body keypoint in frame pixels with the model's confidence. */
public record Keypoint(float x, float y, float score) {
}
