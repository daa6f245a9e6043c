package io.stride.backend.upload;

import io.stride.backend.testing.Clips;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Long videos of one still picture that take almost no disk and no time to make: one VP9 key frame, then frames of
 * one byte each that show it again (VP9's {@code show_existing_frame}), in an IVF file whose header may declare any
 * frame count. An hour of 4K at 30 fps is 1.4 MB; FFmpeg decodes every frame of it.
 */
final class StillVideos {

    private static final int IVF_HEADER_BYTES = 32;
    private static final int IVF_FRAME_HEADER_BYTES = 12;
    private static final int IVF_RATE_OFFSET = 16;
    private static final int IVF_SCALE_OFFSET = 20;
    private static final int IVF_FRAME_COUNT_OFFSET = 24;
    /** A VP9 frame header (profile 0) that shows reference slot 0, which the key frame filled, again. */
    private static final byte SHOW_KEY_FRAME_AGAIN = (byte) 0x88;

    private StillVideos() {
    }

    /**
     * @param frames         frames in the file
     * @param declaredFrames the frame count the header declares (FFmpeg takes the duration from it)
     */
    static Path write(Path file, int width, int height, int fps, int frames, int declaredFrames)
            throws IOException {
        Path keyFrame = Files.createTempFile(file.getParent(), "key", ".ivf");
        try {
            encodeOneFrame(keyFrame, width, height, fps);
            byte[] encoded = Files.readAllBytes(keyFrame);
            ByteBuffer header = ByteBuffer.wrap(encoded, 0, IVF_HEADER_BYTES).slice().order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(IVF_RATE_OFFSET, fps).putInt(IVF_SCALE_OFFSET, 1).putInt(IVF_FRAME_COUNT_OFFSET,
                    declaredFrames);
            int keyFrameBytes = ByteBuffer.wrap(encoded, IVF_HEADER_BYTES, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(encoded, 0, IVF_HEADER_BYTES);
                out.write(frameHeader(keyFrameBytes, 0));
                out.write(encoded, IVF_HEADER_BYTES + IVF_FRAME_HEADER_BYTES, keyFrameBytes);
                for (int pts = 1; pts < frames; pts++) {
                    out.write(frameHeader(1, pts));
                    out.write(SHOW_KEY_FRAME_AGAIN);
                }
            }
            return file;
        } finally {
            Files.deleteIfExists(keyFrame);
        }
    }

    private static byte[] frameHeader(int bytes, long pts) {
        return ByteBuffer.allocate(IVF_FRAME_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes).putLong(pts)
                .array();
    }

    private static void encodeOneFrame(Path file, int width, int height, int fps) throws IOException {
        try (var recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
             var converter = new OpenCVFrameConverter.ToMat();
             Mat grey = Clips.grey(width, height, 3)) {
            recorder.setFormat("ivf");
            recorder.setVideoCodecName("libvpx-vp9");
            recorder.setFrameRate(fps);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setVideoOption("deadline", "realtime");
            recorder.setVideoOption("cpu-used", "8");
            recorder.setVideoOption("lag-in-frames", "0"); // the key frame alone, no hidden alternate reference
            recorder.start();
            recorder.record(converter.convert(grey));
            recorder.stop();
        }
    }
}
