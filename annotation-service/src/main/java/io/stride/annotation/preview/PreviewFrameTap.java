package io.stride.annotation.preview;

import io.stride.core.frame.FrameRecord;
import io.stride.core.image.JpegCodec;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Encodes annotated frames to JPEG for the {@link PreviewHub}, only those a viewer will be shown. */
final class PreviewFrameTap implements AnnotatedFrameListener {

    private static final Logger log = LoggerFactory.getLogger(PreviewFrameTap.class);

    private final PreviewHub hub;
    private final int jpegQuality;

    PreviewFrameTap(PreviewHub hub, int jpegQuality) {
        this.hub = hub;
        this.jpegQuality = jpegQuality;
    }

    @Override
    public void frameAnnotated(FrameRecord frame, Mat image) {
        if (!hub.wantsFrame(frame.taskId())) {
            return;
        }
        try {
            hub.publish(frame.taskId(), JpegCodec.encode(image, jpegQuality));
        } catch (RuntimeException e) {
            // A preview is a courtesy: it must never fail the task whose frame it shows.
            log.warn("Task {}: no preview of frame {}: {}", frame.taskId(), frame.frameIndex(), e.toString());
        }
    }
}
