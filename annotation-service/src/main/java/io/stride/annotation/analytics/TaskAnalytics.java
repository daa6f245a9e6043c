package io.stride.annotation.analytics;

import io.stride.core.frame.FrameRecord;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The live analytics of one task, called by the annotation stage at the points of the task's life: each frame
 * drawn, each durable point recorded, and its end.
 */
public interface TaskAnalytics {

    /** A task without lines or zones: nothing is analysed, drawn or written. */
    TaskAnalytics NONE = new TaskAnalytics() {
        @Override
        public void frame(FrameRecord frame, Mat image) {
        }

        @Override
        public void pointComing() {
        }

        @Override
        public void durable(long framesDurable) {
        }

        @Override
        public void finished() {
        }

        @Override
        public void discarded() {
        }
    };

    /**
     * Analyses the next frame (its tracks as its line of the JSON Lines holds them), publishes its events and
     * draws the lines and zones with their counts onto {@code image}, which is then written.
     */
    void frame(FrameRecord frame, Mat image);

    /**
     * A durable point is about to be recorded after the frames analysed so far: their events are sent first, since a
     * restart resumes after the point and never sends them again.
     */
    void pointComing();

    /**
     * The task's results are durable up to {@code framesDurable} frames, or are about to be when the analysis is
     * just before that frame: the events so far are sent and the state to resume from is kept.
     */
    void durable(long framesDurable);

    /** The task's results are in place: the live analytics are written a last time, the state goes. */
    void finished();

    /** The task's results were deleted: so are its live analytics and state. */
    void discarded();
}
