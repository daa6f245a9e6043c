package io.stride.e2e.fault;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.stride.annotation.output.H264Mp4Writer;
import io.stride.annotation.output.H264Settings;
import java.nio.file.Path;
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
        try (var grabber = new FFmpegFrameGrabber(source.toFile());
             var converter = new OpenCVFrameConverter.ToMat();
             var scaled = new Mat()) {
            grabber.start();
            H264Mp4Writer writer = H264Mp4Writer.open(out, width, height, grabber.getFrameRate(),
                    new H264Settings(PRESET, NEAR_LOSSLESS_CRF, GOP_SECONDS));
            try {
                for (int i = 0; i < frames; i++) {
                    Frame frame = grabber.grabImage();
                    if (frame == null) {
                        throw new IllegalArgumentException(source + " has only " + i + " frames, " + frames + " asked");
                    }
                    resize(converter.convert(frame), scaled, new Size(width, height), 0, 0, INTER_AREA);
                    FrameIndexStamp.write(scaled, i);
                    writer.write(scaled);
                }
                writer.finish();
            } finally {
                writer.close();
            }
        }
        return out;
    }
}
