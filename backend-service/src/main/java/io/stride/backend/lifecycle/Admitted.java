package io.stride.backend.lifecycle;

/**
 * What became of an accepted upload.
 *
 * @param queuePosition 0 when the task started at once; else its place in the queue, 1 = the next to start
 */
public record Admitted(int queuePosition) {

    public static final Admitted STARTED = new Admitted(0);

    public boolean isQueued() {
        return queuePosition > 0;
    }
}
