package io.stride.annotation.output;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes BGR images to an H.264 MP4 with libx264. The stream is made to be shared: yuv420p (what every
 * browser decodes), a keyframe about every {@link H264Settings#gopSeconds()}, and no B-frames, so decode
 * order equals presentation order and the same packets are restreamed live ({@link #streamTo}) as they are
 * produced: each frame is encoded once for both outputs. {@code +faststart} puts the index (moov) before
 * the media (mdat), so browsers play while downloading.
 *
 * <p>Frames are numbered one after another at the given constant rate: the MP4 has exactly as many frames
 * as were written, which a timestamp-driven muxer could not promise for a variable-rate source.
 */
public final class H264Mp4Writer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(H264Mp4Writer.class);
    private static final Map<String, String> FASTSTART = Map.of("movflags", "+faststart");

    private final H264Encoder encoder;
    private final EvenPadding padding;
    private final PacketMuxer mp4;
    private final PacketSink outputs = this::deliver;
    private PacketSink live;
    private long framesWritten;
    private boolean open = true;

    private boolean keyframeNext;
    /** The first frame the live sink gets: the encoder still holds earlier frames when it is attached. */
    private long liveFromPts;

    private H264Mp4Writer(H264Encoder encoder, EvenPadding padding, PacketMuxer mp4) {
        this.encoder = encoder;
        this.padding = padding;
        this.mp4 = mp4;
    }

    /**
     * Creates (or truncates) {@code file} and starts the encoder.
     *
     * @param width  frame width; an odd one is padded to even ({@link EvenPadding}), as 4:2:0 needs
     * @param height frame height; an odd one is padded to even likewise
     * @param fps    the constant frame rate of the output
     */
    public static H264Mp4Writer open(Path file, int width, int height, double fps, H264Settings settings)
            throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        if (!(fps > 0)) {
            throw new IllegalArgumentException("frame rate must be positive: " + fps);
        }
        var padding = new EvenPadding(width, height);
        H264Encoder encoder = H264Encoder.open(padding.paddedWidth(), padding.paddedHeight(), fps, settings);
        try {
            return new H264Mp4Writer(encoder, padding,
                    PacketMuxer.open("mp4", file.toString(), encoder.context(), FASTSTART));
        } catch (IOException | RuntimeException e) {
            encoder.close();
            padding.close();
            throw e;
        }
    }

    /** A copy of the encoded stream's format, for outputs that mux the packets themselves; the caller closes it. */
    public StreamFormat streamFormat() {
        AVCodecParameters parameters = avcodec_parameters_alloc();
        avcodec_parameters_from_context(parameters, encoder.context());
        return new StreamFormat(parameters, av_make_q(encoder.timeBase().num(), encoder.timeBase().den()),
                av_make_q(encoder.context().framerate().num(), encoder.context().framerate().den()));
    }

    /**
     * Also hands the packets of every following frame to {@code sink}. The next frame is encoded as a keyframe,
     * so a sink attached mid-stream (after a task was rebuilt) starts with a picture; packets of earlier frames
     * that the encoder still holds (its lookahead) are not given to it. A failing live output is dropped
     * and logged: it never costs the MP4 a frame.
     */
    public void streamTo(PacketSink sink) {
        this.live = sink;
        this.keyframeNext = framesWritten > 0;
        this.liveFromPts = framesWritten;
    }

    /** Encodes the next frame, an 8-bit BGR image of the size the writer was opened with. */
    public void write(Mat bgr) throws IOException {
        if (!open) {
            throw new IllegalStateException("writer is closed");
        }
        encoder.encode(padding.apply(bgr), keyframeNext, outputs);
        keyframeNext = false;
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
        try {
            encoder.flush(outputs);
            mp4.finish();
        } finally {
            close();
        }
    }

    private void deliver(AVPacket packet, AVRational timeBase) throws IOException {
        mp4.accept(packet, timeBase);
        // The encoder numbers frames 0, 1, 2… in its time base, so a packet's pts is its frame's index.
        if (live != null && packet.pts() >= liveFromPts) {
            try {
                live.accept(packet, timeBase);
            } catch (IOException | RuntimeException e) {
                log.warn("Live output dropped: {}", e.getMessage());
                live = null;
            }
        }
    }

    /** Releases the encoder without completing the file: what is on disk is not a playable MP4. */
    @Override
    public void close() {
        if (open) {
            open = false;
            if (live != null) {
                live.end();
            }
            mp4.close();
            encoder.close();
            padding.close();
        }
    }
}
