package io.stride.backend.decode;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Checks an upload by its content, never by its name: it must be in an accepted container format
 * ({@link AcceptedFormats}), and FFmpeg must open it and find a video stream in it that is more than a still
 * picture.
 */
public final class VideoProbe {

    /**
     * FFmpeg's demuxer of picture files; every {@code *_pipe} demuxer (png_pipe, jpeg_pipe, webp_pipe, …) reads a
     * single picture too. FFmpeg opens a PNG or JPEG as a one-frame "video", which is not what a user uploading a
     * video means; animated formats (GIF, APNG) have demuxers of their own and pass.
     */
    private static final String PICTURE_DEMUXER = "image2";
    private static final String PICTURE_PIPE_SUFFIX = "_pipe";
    private static final String NOT_A_VIDEO = "not a video file FFmpeg can read";

    static {
        // FFmpeg prints every complaint about a broken file to stderr; our error messages say it once.
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
        FFmpegLogCallback.setLevel(avutil.AV_LOG_FATAL);
    }

    private VideoProbe() {
    }

    /** @throws UnreadableVideoException with a message fit for the client */
    public static VideoInfo probe(Path file) {
        checkFormat(file);
        try (var grabber = AcceptedFormats.grabber(file)) {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw new UnreadableVideoException(NOT_A_VIDEO);
            }
            if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
                throw new UnreadableVideoException("the file has no video stream");
            }
            if (isCoverArt(grabber)) {
                throw new UnreadableVideoException("the file has no video stream, only a cover picture");
            }
            double fps = grabber.getFrameRate();
            if (!(fps > 0) || Double.isInfinite(fps)) {
                throw new UnreadableVideoException("the video stream has no frame rate");
            }
            int rotation = FrameRotation.clockwiseDegrees(grabber.getDisplayRotation());
            boolean swap = FrameRotation.swapsSides(rotation);
            long duration = grabber.getLengthInTime() > 0 ? grabber.getLengthInTime() : -1;
            return new VideoInfo(swap ? grabber.getImageHeight() : grabber.getImageWidth(),
                    swap ? grabber.getImageWidth() : grabber.getImageHeight(), fps,
                    Math.max(0, grabber.getLengthInVideoFrames()), grabber.getFormat(), grabber.getVideoCodecName(), rotation,
                    duration);
        } catch (FrameGrabber.Exception e) {
            throw new UnreadableVideoException(NOT_A_VIDEO);
        }
    }

    /**
     * Refuses pictures and formats outside the allow-list by the demuxer FFmpeg would pick, before any demuxer
     * runs: opening a playlist is what makes FFmpeg fetch what it lists.
     */
    private static void checkFormat(Path file) {
        String format = AcceptedFormats.detect(file).orElseThrow(() -> new UnreadableVideoException(NOT_A_VIDEO));
        if (PICTURE_DEMUXER.equals(format) || format.endsWith(PICTURE_PIPE_SUFFIX)) {
            throw new UnreadableVideoException("the file is a still image (" + format + "), not a video");
        }
        if (!AcceptedFormats.isAccepted(format)) {
            throw new UnreadableVideoException("the container format '" + format + "' is not accepted: upload the "
                    + "video file itself, not a playlist, a list of files or a stream description");
        }
    }

    /** An audio file's embedded album cover is a "video stream" of one attached picture. */
    private static boolean isCoverArt(FFmpegFrameGrabber grabber) {
        AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
        return (stream.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) != 0;
    }

    /** The upload is not a video Stride can process. */
    public static class UnreadableVideoException extends RuntimeException {
        public UnreadableVideoException(String message) {
            super(message);
        }
    }
}
