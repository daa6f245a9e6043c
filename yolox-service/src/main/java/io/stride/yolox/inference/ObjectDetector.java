package io.stride.yolox.inference;

import io.stride.core.frame.Detection;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/** Finds objects in frames with a model loaded once and reused for every call. */
public interface ObjectDetector extends AutoCloseable {

    /**
     * The detections of each frame, in the frames' order, in frame pixels and best first.
     *
     * @param frames 8-bit BGR images of any size; they stay the caller's to close
     * @throws Exception when inference fails
     */
    List<List<Detection>> detect(List<Mat> frames) throws Exception;

    /** Width in pixels of the model's input, which every frame is scaled to fit. */
    int inputWidth();

    /** Height in pixels of the model's input. */
    int inputHeight();

    /** Most frames one inference call takes. */
    int batchSize();

    @Override
    void close();
}
