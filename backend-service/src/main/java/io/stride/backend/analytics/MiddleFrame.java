package io.stride.backend.analytics;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/** The frame shown at the middle of a video's duration, decoded by FFmpeg. */
final class MiddleFrame {

    static {
        // Opening a file makes FFmpeg describe it on stderr; the backend's log says what matters.
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
        FFmpegLogCallback.setLevel(avutil.AV_LOG_FATAL);
    }

    private MiddleFrame() {
    }

    /**
     * The frame on screen at half the video's duration, the one whose time is the latest not after it (the first
     * frame when the duration is unknown): of 11 frames at 10 fps, the sixth (0.5 s of 1.1 s).
     *
     * @throws IllegalStateException when FFmpeg cannot read a frame from it
     */
    static BufferedImage of(Path video) {
        try (var grabber = new FFmpegFrameGrabber(video.toFile()); var converter = new Java2DFrameConverter()) {
            grabber.start();
            long duration = grabber.getLengthInTime();
            if (duration > 0) {
                grabber.setVideoTimestamp(duration / 2);
            }
            Frame frame = grabber.grabImage();
            if (frame == null) {
                throw new IllegalStateException("no frame in " + video.getFileName());
            }
            return copy(converter.convert(frame));
        } catch (FrameGrabber.Exception e) {
            throw new IllegalStateException("FFmpeg cannot read " + video.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** The converter's image shares memory it reuses and frees. */
    private static BufferedImage copy(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        var copy = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        copy.setRGB(0, 0, width, height, image.getRGB(0, 0, width, height, null, 0, width), 0, width);
        return copy;
    }
}
