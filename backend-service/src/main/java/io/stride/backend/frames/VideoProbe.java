package io.stride.backend.frames;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.FrameGrabber;

/** Checks an upload by its content, never by its name: FFmpeg must open it and find a video stream in it. */
public final class VideoProbe {

    static {
        // FFmpeg prints every complaint about a broken file to stderr; our error messages say it once.
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
        FFmpegLogCallback.setLevel(avutil.AV_LOG_FATAL);
    }

    private VideoProbe() {
    }

    /** @throws UnreadableVideoException with a message fit for the client */
    public static VideoInfo probe(Path file) {
        try (var grabber = new FFmpegFrameGrabber(file.toFile())) {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw new UnreadableVideoException("not a video file FFmpeg can read");
            }
            if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
                throw new UnreadableVideoException("the file has no video stream");
            }
            double fps = grabber.getFrameRate();
            if (!(fps > 0) || Double.isInfinite(fps)) {
                throw new UnreadableVideoException("the video stream has no frame rate");
            }
            return new VideoInfo(grabber.getImageWidth(), grabber.getImageHeight(), fps,
                    Math.max(0, grabber.getLengthInVideoFrames()), grabber.getFormat(), grabber.getVideoCodecName());
        } catch (FrameGrabber.Exception e) {
            throw new UnreadableVideoException("not a video file FFmpeg can read");
        }
    }

    /** The upload is not a video Stride can process. */
    public static class UnreadableVideoException extends RuntimeException {
        public UnreadableVideoException(String message) {
            super(message);
        }
    }
}
