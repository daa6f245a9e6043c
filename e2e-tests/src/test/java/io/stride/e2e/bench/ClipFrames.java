package io.stride.e2e.bench;

import io.stride.core.image.JpegCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The frames of a clip as the backend publishes them: decoded by FFmpeg and JPEG-encoded at the backend's
 * quality. Times both steps per frame, and keeps the JPEGs (not the decoded images, which would take 2.7 MB a
 * 720p frame) for the measurements that follow.
 */
final class ClipFrames {

    private final Path clip;
    private final int width;
    private final int height;
    private final double fps;
    private final List<byte[]> jpegs;
    private final boolean wholeClip;
    private final FrameTimer h264Decode;
    private final FrameTimer jpegEncode;

    private ClipFrames(Path clip, int width, int height, double fps, List<byte[]> jpegs, boolean wholeClip,
                       FrameTimer h264Decode, FrameTimer jpegEncode) {
        this.clip = clip;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.jpegs = jpegs;
        this.wholeClip = wholeClip;
        this.h264Decode = h264Decode;
        this.jpegEncode = jpegEncode;
    }

    /** Reads at most {@code maxFrames} frames from the start of the clip. */
    static ClipFrames read(Path clip, int maxFrames, int jpegQuality, int warmupFrames) throws Exception {
        FrameTimer decode = new FrameTimer(warmupFrames);
        FrameTimer encode = new FrameTimer(warmupFrames);
        List<byte[]> jpegs = new ArrayList<>();
        try (var grabber = new FFmpegFrameGrabber(clip.toFile());
             var converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            boolean ended = false;
            while (jpegs.size() < maxFrames) {
                long start = System.nanoTime();
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    ended = true;
                    break;
                }
                decode.record(System.nanoTime() - start);
                Mat image = converter.convert(frame);
                jpegs.add(encode.time(() -> JpegCodec.encode(image, jpegQuality)));
            }
            if (jpegs.isEmpty()) {
                throw new IllegalArgumentException(clip + " has no decodable video frames");
            }
            if (!ended) {
                ended = grabber.grabImage() == null;
            }
            return new ClipFrames(clip, grabber.getImageWidth(), grabber.getImageHeight(), grabber.getFrameRate(),
                    List.copyOf(jpegs), ended, decode, encode);
        }
    }

    Path clip() {
        return clip;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    double fps() {
        return fps;
    }

    List<byte[]> jpegs() {
        return jpegs;
    }

    int count() {
        return jpegs.size();
    }

    /** Whether these are all the clip's frames, rather than its first ones. */
    boolean wholeClip() {
        return wholeClip;
    }

    FrameTimer h264Decode() {
        return h264Decode;
    }

    FrameTimer jpegEncode() {
        return jpegEncode;
    }

    /** Mean JPEG size in bytes. */
    double meanJpegBytes() {
        return jpegs.stream().mapToLong(jpeg -> jpeg.length).average().orElse(0);
    }
}
