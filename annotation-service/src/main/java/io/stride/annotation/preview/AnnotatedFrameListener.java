package io.stride.annotation.preview;

import io.stride.core.frame.FrameRecord;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Sees every frame the annotation stage has drawn, right after it went into the MP4. Called on the stage's
 * consumer thread with an image that is released afterwards: a listener must copy what it keeps, return
 * quickly and never throw, since the task's frames wait for it.
 */
@FunctionalInterface
public interface AnnotatedFrameListener {

    /** Listens to nothing; the processor's listener until one is set. */
    AnnotatedFrameListener NONE = (frame, image) -> { };

    /**
     * @param frame the frame's record, with its results
     * @param image the frame with the results drawn on it (BGR)
     */
    void frameAnnotated(FrameRecord frame, Mat image);
}
