package io.stride.backend.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Small videos made at test time with FFmpeg (JavaCV), so tests need no fixture files. */
public final class Clips {

    /** Grey level of frame {@code i} is {@code FIRST_LEVEL + i * LEVEL_STEP}: lossy codecs keep a flat level. */
    public static final int FIRST_LEVEL = 16;
    public static final int LEVEL_STEP = 12;
    /** FFmpeg's name of the side data that carries the display matrix. */
    private static final String DISPLAY_MATRIX = "Display Matrix";
    private static final int DISPLAY_MATRIX_ENTRIES = 9;

    private Clips() {
    }

    /** How a clip is encoded: container, encoder, size, frame rate and display rotation (clockwise, 0 = none). */
    public record Encoding(String format, String codec, int width, int height, double fps, int clockwiseRotation) {

        public static Encoding of(String format, String codec, int width, int height) {
            return new Encoding(format, codec, width, height, 10, 0);
        }

        public Encoding rotated(int clockwise) {
            return new Encoding(format, codec, width, height, fps, clockwise);
        }
    }

    /** Frame {@code i} is flat grey at {@link #level(int)}. */
    public static Mat grey(int width, int height, int index) {
        int level = level(index);
        return new Mat(height, width, opencv_core.CV_8UC3, new Scalar(level, level, level, 0));
    }

    public static int level(int index) {
        return FIRST_LEVEL + index * LEVEL_STEP;
    }

    /** A black frame with a red block in its top-left corner (a quarter of each side). */
    public static Mat redTopLeft(int width, int height) {
        Mat frame = new Mat(height, width, opencv_core.CV_8UC3, new Scalar(0, 0, 0, 0));
        try (Mat corner = frame.apply(new Rect(0, 0, width / 4, height / 4))) {
            corner.put(new Scalar(0, 0, 255, 0));
        }
        return frame;
    }

    /** Writes {@code frames} frames at the encoding's constant frame rate. */
    public static Path write(Path file, Encoding encoding, int frames, IntFunction<Mat> frameAt) throws IOException {
        return write(file, encoding, frames, frameAt, null);
    }

    /**
     * Writes frames at the given presentation times (variable frame rate); the encoding's frame rate must be a
     * time base fine enough for them (1000 for milliseconds).
     */
    public static Path write(Path file, Encoding encoding, int frames, IntFunction<Mat> frameAt, long[] ptsMicros)
            throws IOException {
        try (var recorder = new FFmpegFrameRecorder(file.toFile(), encoding.width(), encoding.height(), 0);
             var converter = new OpenCVFrameConverter.ToMat()) {
            recorder.setFormat(encoding.format());
            recorder.setVideoCodecName(encoding.codec());
            recorder.setFrameRate(encoding.fps());
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            if ("libaom-av1".equals(encoding.codec())) {
                recorder.setVideoOption("cpu-used", "8"); // the fastest preset: the test needs the format, not quality
            }
            if (encoding.clockwiseRotation() != 0) {
                // Written with FFmpeg's own call, whose angle is documented as clockwise; players turn the frame by it.
                IntPointer matrix = new IntPointer(DISPLAY_MATRIX_ENTRIES);
                avutil.av_display_rotation_set(matrix, encoding.clockwiseRotation());
                recorder.setVideoSideData(DISPLAY_MATRIX, matrix.asByteBuffer());
            }
            recorder.start();
            for (int i = 0; i < frames; i++) {
                if (ptsMicros != null) {
                    recorder.setTimestamp(ptsMicros[i]);
                }
                try (Mat frame = frameAt.apply(i)) {
                    recorder.record(converter.convert(frame));
                }
            }
            recorder.stop();
        }
        return file;
    }

    /**
     * An uncompressed YUV4MPEG2 clip of any size, odd ones included (FFmpeg's encoders round odd 4:2:0 sizes up),
     * 4:4:4 so every pixel keeps its colour; frame {@code i} is flat grey at {@link #level(int)}.
     */
    public static Path writeY4m(Path file, int width, int height, int frames) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F10:1 Ip A1:1 C444\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] plane = new byte[width * height];
            byte[] neutralChroma = new byte[width * height];
            java.util.Arrays.fill(neutralChroma, (byte) 128);
            for (int i = 0; i < frames; i++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                java.util.Arrays.fill(plane, (byte) lumaOf(level(i)));
                out.write(plane);
                out.write(neutralChroma);
                out.write(neutralChroma);
            }
        }
        return file;
    }

    /** Limited-range luma of a grey level, as BT.601 maps it, so the decoded RGB grey comes back at the level. */
    private static int lumaOf(int grey) {
        return (int) Math.round(16 + grey * 219.0 / 255);
    }
}
