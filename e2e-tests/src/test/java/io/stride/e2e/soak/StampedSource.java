package io.stride.e2e.soak;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.stride.annotation.output.H264Mp4Writer;
import io.stride.annotation.output.H264Settings;
import io.stride.e2e.fault.FrameIndexStamp;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The overload run's source file: a real clip scaled to the asked size and brought to the asked frame rate (each
 * picture repeated as often as the rate needs), played over and over to the asked length, with each frame's index
 * stamped into it ({@link FrameIndexStamp}). Published looped in real time, frame {@code k} of the file leaves the
 * publisher {@code k / fps} seconds into each pass, which is what the latency is measured from.
 */
final class StampedSource {

    /** x264's fastest preset: written once, published with {@code -c copy}; quality 18 keeps the stamp crisp. */
    private static final H264Settings SETTINGS = new H264Settings("ultrafast", 18, 1);

    private StampedSource() {
    }

    static Path write(Path clip, int width, int height, double fps, int frames, Path out) throws Exception {
        if (frames > FrameIndexStamp.MAX_INDEX + 1) {
            throw new IllegalArgumentException(frames + " frames: a stamp holds indices up to "
                    + FrameIndexStamp.MAX_INDEX);
        }
        H264Mp4Writer writer = H264Mp4Writer.open(out, width, height, fps, SETTINGS);
        try (var converter = new OpenCVFrameConverter.ToMat(); var scaled = new Mat(); var size = new Size(width, height)) {
            int written = 0;
            while (written < frames) {
                written = writePass(clip, converter, scaled, size, writer, written, frames, fps);
            }
            writer.finish();
        } finally {
            writer.close();
        }
        return out;
    }

    /** One pass through the clip; returns the frames written so far. */
    private static int writePass(Path clip, OpenCVFrameConverter.ToMat converter, Mat scaled, Size size,
                                 H264Mp4Writer writer, int written, int frames, double fps) throws Exception {
        try (var grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            double clipFps = grabber.getFrameRate();
            int picture = 0;
            int startedAt = written;
            Frame frame;
            while (written < frames && (frame = grabber.grabImage()) != null) {
                resize(converter.convert(frame), scaled, size, 0, 0, INTER_LINEAR);
                picture++;
                // Output frame i of this pass shows the picture on screen at time i / fps.
                while (written < frames && (written - startedAt) / fps < picture / clipFps) {
                    FrameIndexStamp.write(scaled, written);
                    writer.write(scaled);
                    written++;
                }
            }
            return written;
        }
    }
}
