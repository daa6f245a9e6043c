package io.stride.annotation.output;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One standalone H.264 MP4 whose frames are timed by their own presentation times (microseconds), so a source
 * of varying frame rate (a camera, its "source unavailable" stills) plays at real speed. The file's clock
 * starts at its first frame, and it starts with a keyframe, so it plays on its own. Encoded as
 * {@link H264Mp4Writer} does (yuv420p, no B-frames, faststart); the packets may also go live ({@link #streamTo}),
 * timed in microseconds from an origin the caller picks, so a live stream runs on across files. Encoded without
 * latency (x264's {@code zerolatency}): its lookahead and frame threads would hold a dozen frames, a second of a
 * camera's restream and seconds of its 2 fps "source unavailable" stills.
 */
final class TimedMp4Writer implements AutoCloseable {

    private static final Map<String, String> FASTSTART = Map.of("movflags", "+faststart");
    private static final int MICROS_PER_SECOND = 1_000_000;

    private final H264Encoder encoder;
    private final EvenPadding padding;
    private final PacketMuxer mp4;
    private final AVRational micros = av_make_q(1, MICROS_PER_SECOND);
    /** The last frame's duration, which no later frame tells: the nominal one. */
    private final long nominalFrameUs;
    /** Frames in the encoder, not yet out as packets: {encoder's frame number, time in this file (µs)}. */
    private final ArrayDeque<long[]> pending = new ArrayDeque<>();
    private long framesWritten;
    private long startPtsUs;
    private long lastPtsUs;
    private PacketSink live;
    private long liveOriginUs;
    private long liveFromFrame;
    private boolean keyframeNext;
    private boolean open = true;

    private TimedMp4Writer(H264Encoder encoder, EvenPadding padding, PacketMuxer mp4, double fps) {
        this.encoder = encoder;
        this.padding = padding;
        this.mp4 = mp4;
        this.nominalFrameUs = Math.max(1, Math.round(MICROS_PER_SECOND / fps));
    }

    /**
     * Creates (or truncates) {@code file} and starts the encoder.
     *
     * @param fps the nominal frame rate: the encoder's rate control and the last frame's duration
     */
    static TimedMp4Writer open(Path file, int width, int height, double fps, H264Settings settings)
            throws IOException {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("frame rate must be positive: " + fps);
        }
        var padding = new EvenPadding(width, height);
        H264Encoder encoder = H264Encoder.open(padding.paddedWidth(), padding.paddedHeight(), fps, settings, true);
        AVCodecParameters parameters = avcodec_parameters_alloc();
        try {
            FfmpegError.check(avcodec_parameters_from_context(parameters, encoder.context()), "codec parameters");
            PacketMuxer mp4 = PacketMuxer.open("mp4", file.toString(), parameters, av_make_q(1, MICROS_PER_SECOND),
                    encoder.context().framerate(), FASTSTART);
            return new TimedMp4Writer(encoder, padding, mp4, fps);
        } catch (IOException | RuntimeException e) {
            encoder.close();
            padding.close();
            throw e;
        } finally {
            avcodec_parameters_free(parameters);
        }
    }

    /** The stream's format for a live output: packets come timed in microseconds. */
    StreamFormat streamFormat() {
        AVCodecParameters parameters = avcodec_parameters_alloc();
        avcodec_parameters_from_context(parameters, encoder.context());
        return new StreamFormat(parameters, av_make_q(1, MICROS_PER_SECOND),
                av_make_q(encoder.context().framerate().num(), encoder.context().framerate().den()));
    }

    /**
     * Also hands the packets of every following frame to {@code sink}, timed from {@code originUs}. The next
     * frame is encoded as a keyframe unless it is the file's first (which is one anyway). A sink that fails
     * fails the write: the caller's sink must keep its own failures from costing the MP4 a frame.
     */
    void streamTo(PacketSink sink, long originUs) {
        live = sink;
        liveOriginUs = originUs;
        liveFromFrame = framesWritten;
        keyframeNext = framesWritten > 0;
    }

    /**
     * Encodes the next frame, an 8-bit BGR image of the writer's size, shown at {@code ptsUs}. A time not after
     * the previous frame's (which a source should never give) is moved just after it: an MP4's times must rise.
     */
    void write(Mat bgr, long ptsUs) throws IOException {
        if (!open) {
            throw new IllegalStateException("writer is closed");
        }
        if (framesWritten == 0) {
            startPtsUs = ptsUs;
        } else if (ptsUs <= lastPtsUs) {
            ptsUs = lastPtsUs + 1;
        }
        lastPtsUs = ptsUs;
        // The encoder numbers its frames 0, 1, 2…: its packets' pts say which frame they are.
        pending.add(new long[] {framesWritten, ptsUs - startPtsUs});
        encoder.encode(padding.apply(bgr), keyframeNext, this::deliver);
        keyframeNext = false;
        framesWritten++;
    }

    long framesWritten() {
        return framesWritten;
    }

    /** The presentation time of the first frame, in the task's time. */
    long startPtsUs() {
        return startPtsUs;
    }

    /** How long the file plays: to its last frame, plus that frame's nominal duration. */
    long durationUs() {
        return framesWritten == 0 ? 0 : lastPtsUs - startPtsUs + nominalFrameUs;
    }

    /** Drains the encoder and completes the file (index, faststart pass). The writer is closed after. */
    void finish() throws IOException {
        if (!open) {
            throw new IllegalStateException("writer is closed");
        }
        try {
            encoder.flush(this::deliver);
            mp4.finish();
        } finally {
            close();
        }
    }

    private void deliver(AVPacket packet, AVRational encoderTimeBase) throws IOException {
        long[] frame = pending.poll();
        while (frame != null && frame[0] < packet.pts()) {
            frame = pending.poll();
        }
        if (frame == null || frame[0] != packet.pts()) {
            throw new IllegalStateException("packet of unknown frame " + packet.pts());
        }
        long fileTimeUs = frame[1];
        packet.pts(fileTimeUs).dts(fileTimeUs).duration(nominalFrameUs);
        mp4.accept(packet, micros);
        if (live != null && frame[0] >= liveFromFrame) {
            long liveTimeUs = startPtsUs + fileTimeUs - liveOriginUs;
            packet.pts(liveTimeUs).dts(liveTimeUs);
            live.accept(packet, micros);
        }
    }

    /**
     * Releases the encoder without completing the file: what is on disk is not a playable MP4. The live output
     * is not ended: it goes on with the next file.
     */
    @Override
    public void close() {
        if (open) {
            open = false;
            mp4.close();
            encoder.close();
            padding.close();
            micros.close();
        }
    }
}
