package io.stride.e2e.soak;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.stride.annotation.output.H264Mp4Writer;
import io.stride.annotation.output.H264Settings;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A video of exactly the frames a soak needs, made from a short clip played over and over, optionally scaled:
 * 10,000 frames is five and a half minutes at 30 fps, longer than any clip of the test data.
 */
final class LoopedClip {

    /** x264's default quality: the soak measures memory, not pictures, and a smaller file uploads faster. */
    private static final int CRF = 23;
    private static final String PRESET = "veryfast";
    private static final double GOP_SECONDS = 1;

    private LoopedClip() {
    }

    /** A frame size, {@code WIDTHxHEIGHT}. */
    record FrameSize(int width, int height) {

        static FrameSize parse(String text) {
            String[] parts = text.split("x", -1);
            try {
                if (parts.length == 2) {
                    FrameSize size = new FrameSize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                    if (size.width > 0 && size.height > 0) {
                        return size;
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("a frame size is WIDTHxHEIGHT with positive numbers, e.g. 640x360; got '"
                    + text + "'");
        }
    }

    /** Writes {@code frames} frames of {@code clip}, from its start and again from its start at its end. */
    static Path write(Path clip, int frames, Optional<FrameSize> size, Path out) throws Exception {
        try (var grabber = new FFmpegFrameGrabber(clip.toFile());
             var converter = new OpenCVFrameConverter.ToMat();
             var scaled = new Mat()) {
            grabber.start();
            FrameSize target = size.orElse(new FrameSize(grabber.getImageWidth(), grabber.getImageHeight()));
            boolean scaling = size.isPresent();
            Size scaledSize = new Size(target.width(), target.height());
            H264Mp4Writer writer = H264Mp4Writer.open(out, target.width(), target.height(), grabber.getFrameRate(),
                    new H264Settings(PRESET, CRF, GOP_SECONDS));
            try {
                int written = 0;
                int sinceRestart = 0;
                while (written < frames) {
                    Frame frame = grabber.grabImage();
                    if (frame == null) {
                        if (sinceRestart == 0) {
                            throw new IllegalArgumentException(clip + " has no video frames");
                        }
                        grabber.restart();
                        sinceRestart = 0;
                        continue;
                    }
                    Mat image = converter.convert(frame);
                    if (scaling) {
                        resize(image, scaled, scaledSize, 0, 0, INTER_AREA);
                        image = scaled;
                    }
                    writer.write(image);
                    written++;
                    sinceRestart++;
                }
                writer.finish();
            } finally {
                writer.close();
                scaledSize.close();
            }
        }
        return out;
    }
}
