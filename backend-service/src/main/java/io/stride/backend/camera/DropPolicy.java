package io.stride.backend.camera;

/**
 * Which pictures a camera drops when the pipeline is further behind than the allowed lag (frames published minus
 * frames annotated). A camera never waits for the pipeline: its source would stall or drop it.
 */
public enum DropPolicy {
    /** Drop every picture while behind, so what is published is always the newest: the lag stays bounded. */
    LATEST,
    /**
     * Drop every k-th picture while behind ({@code stride.camera.drop-every}): smoother motion, but a pipeline slower
     * than (k-1)/k of the source's rate falls further behind.
     */
    EVERY_KTH
}
