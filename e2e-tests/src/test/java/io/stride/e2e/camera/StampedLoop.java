package io.stride.e2e.camera;

import io.stride.annotation.output.H264Mp4Writer;
import io.stride.annotation.output.H264Settings;
import io.stride.e2e.fault.FrameIndexStamp;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The camera test's source clip: a real clip played {@code loops} times in a row at its own size and rate, each
 * frame stamped with its index in the whole ({@link FrameIndexStamp}). Published looped, a stamp comes back once
 * per {@code loops} clip lengths, which is what tells two sightings of the same stamp apart. Written one frame at
 * a time: a 720p clip held whole would take about a gigabyte.
 */
public final class StampedLoop {

    /** x264's "visually lossless" quality: the detector sees practically the source's pixels. */
    private static final int NEAR_LOSSLESS_CRF = 18;
    private static final String PRESET = "veryfast";
    /** A keyframe every second: a reader (the camera ingest after a reconnect, a player) starts within one. */
    private static final double GOP_SECONDS = 1;

    private StampedLoop() {
    }

    /** The stamped clip, written to {@code out}; returns its frame count and rate. */
    public static Clip write(Path source, int loops, Path out) throws Exception {
        double fps;
        int width;
        int height;
        try (var probe = new FFmpegFrameGrabber(source.toFile())) {
            probe.start();
            fps = probe.getFrameRate();
            width = probe.getImageWidth();
            height = probe.getImageHeight();
        }
        H264Mp4Writer writer = H264Mp4Writer.open(out, width, height, fps,
                new H264Settings(PRESET, NEAR_LOSSLESS_CRF, GOP_SECONDS));
        int index = 0;
        try (var converter = new OpenCVFrameConverter.ToMat()) {
            for (int loop = 0; loop < loops; loop++) {
                try (var grabber = new FFmpegFrameGrabber(source.toFile())) {
                    grabber.start();
                    Frame frame;
                    while ((frame = grabber.grabImage()) != null) {
                        Mat picture = converter.convert(frame);
                        FrameIndexStamp.write(picture, index++);
                        writer.write(picture);
                    }
                }
            }
            writer.finish();
        } finally {
            writer.close();
        }
        return new Clip(out, index, fps);
    }

    /**
     * A written stamped clip.
     *
     * @param frames its frames: the stamps are 0..frames-1
     * @param fps    its frame rate
     */
    public record Clip(Path file, int frames, double fps) {

        /** How long one play of it lasts: a stamp comes back this much later. */
        public double periodSeconds() {
            return frames / fps;
        }
    }
}
