package io.stride.e2e.bench;

import io.stride.annotation.output.H264Mp4Writer;
import io.stride.annotation.output.H264Settings;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;

/**
 * The first frames of a clip as an MP4 of their own, for runs over part of a clip and for warming the fleet up.
 * Re-encoded rather than cut at packets, so the new file has exactly the frames asked for whatever the source's
 * keyframes and frame reordering.
 */
final class ClipCut {

    /** x264's "visually lossless" quality: the cut decodes to practically the source's pixels. */
    private static final int NEAR_LOSSLESS_CRF = 18;
    private static final String PRESET = "veryfast";
    private static final double GOP_SECONDS = 1;

    private ClipCut() {
    }

    /** Writes the first {@code frames} frames of {@code clip} to {@code out}; fewer if the clip is shorter. */
    static Path firstFrames(Path clip, int frames, Path out) throws Exception {
        try (var grabber = new FFmpegFrameGrabber(clip.toFile());
             var converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            H264Mp4Writer writer = H264Mp4Writer.open(out, grabber.getImageWidth(), grabber.getImageHeight(),
                    grabber.getFrameRate(), new H264Settings(PRESET, NEAR_LOSSLESS_CRF, GOP_SECONDS));
            try {
                Frame frame;
                for (int i = 0; i < frames && (frame = grabber.grabImage()) != null; i++) {
                    writer.write(converter.convert(frame));
                }
                writer.finish();
            } finally {
                writer.close();
            }
        }
        return out;
    }
}
