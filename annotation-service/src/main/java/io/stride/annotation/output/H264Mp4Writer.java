package io.stride.annotation.output;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Encodes BGR images to an H.264 MP4 with libx264. The stream is made to be shared: yuv420p (what every
 * browser decodes), a keyframe about every {@link H264Settings#gopSeconds()}, and no B-frames, so decode
 * order equals presentation order and the same packets can be restreamed live (RTSP) as they are produced.
 * {@code +faststart} puts the index (moov) before the media (mdat), so browsers play while downloading.
 *
 * <p>Frames are numbered one after another at the given constant rate: the MP4 has exactly as many frames
 * as were written, which a timestamp-driven muxer could not promise for a variable-rate source.
 */
public final class H264Mp4Writer implements AutoCloseable {

    private static final String FORMAT = "mp4";
    private static final String ENCODER = "libx264";
    /** Bit rate 0 leaves rate control to the CRF instead of JavaCV's default target bit rate. */
    private static final int RATE_CONTROLLED_BY_CRF = 0;
    private static final int NO_AUDIO = 0;

    private final FFmpegFrameRecorder recorder;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private final int width;
    private final int height;
    private long framesWritten;
    private boolean open = true;

    private H264Mp4Writer(FFmpegFrameRecorder recorder, int width, int height) {
        this.recorder = recorder;
        this.width = width;
        this.height = height;
    }

    /**
     * Creates (or truncates) {@code file} and starts the encoder.
     *
     * @param width  frame width; H.264 4:2:0 needs it even
     * @param height frame height; H.264 4:2:0 needs it even
     * @param fps    the constant frame rate of the output
     */
    public static H264Mp4Writer open(Path file, int width, int height, double fps, H264Settings settings)
            throws IOException {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("H.264 yuv420p needs a positive even size, got " + width + "x" + height);
        }
        if (!(fps > 0)) {
            throw new IllegalArgumentException("frame rate must be positive: " + fps);
        }
        var recorder = new FFmpegFrameRecorder(file.toFile(), width, height, NO_AUDIO);
        recorder.setFormat(FORMAT);
        recorder.setVideoCodecName(ENCODER);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(settings.gopFrames(fps));
        recorder.setMaxBFrames(0);
        recorder.setVideoBitrate(RATE_CONTROLLED_BY_CRF);
        recorder.setVideoOption("preset", settings.preset());
        recorder.setVideoOption("crf", Integer.toString(settings.crf()));
        recorder.setOption("movflags", "+faststart");
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            releaseQuietly(recorder);
            throw new IOException("cannot start the H.264 encoder for " + file + ": " + e.getMessage(), e);
        }
        return new H264Mp4Writer(recorder, width, height);
    }

    /** Encodes the next frame, an 8-bit BGR image of the size the writer was opened with. */
    public void write(Mat bgr) throws IOException {
        if (!open) {
            throw new IllegalStateException("writer is closed");
        }
        if (bgr.cols() != width || bgr.rows() != height || bgr.channels() != 3) {
            throw new IllegalArgumentException("expected a " + width + "x" + height + " BGR image, got "
                    + bgr.cols() + "x" + bgr.rows() + "x" + bgr.channels());
        }
        recorder.record(converter.convert(bgr), AV_PIX_FMT_BGR24);
        framesWritten++;
    }

    public long framesWritten() {
        return framesWritten;
    }

    /** Drains the encoder and completes the file (index, faststart pass). The writer is closed after. */
    public void finish() throws IOException {
        if (!open) {
            throw new IllegalStateException("writer is closed");
        }
        open = false;
        try {
            recorder.stop();
        } finally {
            releaseQuietly(recorder);
            converter.close();
        }
    }

    /** Releases the encoder without completing the file: what is on disk is not a playable MP4. */
    @Override
    public void close() {
        if (open) {
            open = false;
            releaseQuietly(recorder);
            converter.close();
        }
    }

    private static void releaseQuietly(FFmpegFrameRecorder recorder) {
        try {
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            // Nothing useful is left to do with a recorder that cannot even release; the file is discarded.
        }
    }
}
