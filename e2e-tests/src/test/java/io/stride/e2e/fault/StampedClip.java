package io.stride.e2e.fault;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.stride.annotation.output.H264Mp4Writer;
import io.stride.annotation.output.H264Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The fault tests' input: the first frames of a real clip, scaled down so that a task takes seconds, with each
 * frame's index stamped into it ({@link FrameIndexStamp}) so that a result can be checked frame by frame.
 */
final class StampedClip {

    /** x264's "visually lossless" quality: the detector sees practically the source's pixels. */
    private static final int NEAR_LOSSLESS_CRF = 18;
    private static final String PRESET = "veryfast";
    private static final double GOP_SECONDS = 1;

    private StampedClip() {
    }

    /**
     * Writes the first {@code frames} frames of {@code source}, scaled to {@code width}x{@code height} and stamped
     * with their indices, to {@code out}.
     *
     * @throws IllegalArgumentException when the source has fewer frames
     */
    static Path write(Path source, int frames, int width, int height, Path out) throws Exception {
        List<Mat> pictures = read(source, frames, width, height);
        try {
            if (pictures.size() < frames) {
                throw new IllegalArgumentException(source + " has only " + pictures.size() + " frames, " + frames
                        + " asked");
            }
            return write(pictures, frames, frameRate(source), out);
        } finally {
            pictures.forEach(Mat::close);
        }
    }

    /**
     * Writes {@code frames} frames made of the source played forwards, then backwards, and so on (so that people
     * move on smoothly and keep their tracks at every turn), stamped with their indices: a task as long as needed.
     */
    static Path writeLooped(Path source, int frames, int width, int height, Path out) throws Exception {
        List<Mat> pictures = read(source, Integer.MAX_VALUE, width, height);
        try {
            return write(pictures, frames, frameRate(source), out);
        } finally {
            pictures.forEach(Mat::close);
        }
    }

    private static Path write(List<Mat> pictures, int frames, double fps, Path out) throws Exception {
        H264Mp4Writer writer = H264Mp4Writer.open(out, pictures.get(0).cols(), pictures.get(0).rows(), fps,
                new H264Settings(PRESET, NEAR_LOSSLESS_CRF, GOP_SECONDS));
        try (var stamped = new Mat()) {
            for (int i = 0; i < frames; i++) {
                pictures.get(pingPong(i, pictures.size())).copyTo(stamped);
                FrameIndexStamp.write(stamped, i);
                writer.write(stamped);
            }
            writer.finish();
        } finally {
            writer.close();
        }
        return out;
    }

    /** Frame {@code i} of the sequence 0, 1, …, n-1, n-2, …, 1, 0, 1, … */
    static int pingPong(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int phase = i % period;
        return phase < n ? phase : period - phase;
    }

    /** Up to {@code frames} frames of the source, scaled. */
    private static List<Mat> read(Path source, int frames, int width, int height) throws Exception {
        List<Mat> pictures = new ArrayList<>();
        try (var grabber = new FFmpegFrameGrabber(source.toFile());
             var converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            Frame frame;
            while (pictures.size() < frames && (frame = grabber.grabImage()) != null) {
                Mat scaled = new Mat();
                resize(converter.convert(frame), scaled, new Size(width, height), 0, 0, INTER_AREA);
                pictures.add(scaled);
            }
        }
        return pictures;
    }

    private static double frameRate(Path source) throws Exception {
        try (var grabber = new FFmpegFrameGrabber(source.toFile())) {
            grabber.start();
            return grabber.getFrameRate();
        }
    }
}
