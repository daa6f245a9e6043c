package io.stride.annotation.output;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_d2q;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_inv_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * libx264 through FFmpeg's own API: BGR images in, H.264 packets out to a {@link PacketSink}. Encoding once
 * and handing the same packets to every output (the MP4, the live stream) halves the encoding cost of
 * two outputs. Global headers put SPS/PPS in the codec parameters, which the MP4 index and the RTSP SDP need.
 */
final class H264Encoder implements AutoCloseable {

    private static final String ENCODER = "libx264";
    /** Largest denominator when turning a frame rate such as 29.97 into a fraction (30000/1001). */
    private static final int MAX_RATE_DENOMINATOR = 100_000;

    private final AVCodecContext context;
    private final AVFrame frame;
    private final AVPacket packet;
    private final SwsContext toYuv;
    private final IntPointer sourceStride = new IntPointer(1);
    private final PointerPointer<?> sourcePlanes = new PointerPointer<>(1);
    private final int width;
    private final int height;
    private long nextPts;

    private H264Encoder(AVCodecContext context, int width, int height) {
        this.context = context;
        this.width = width;
        this.height = height;
        frame = av_frame_alloc();
        frame.format(AV_PIX_FMT_YUV420P).width(width).height(height);
        if (av_frame_get_buffer(frame, 0) < 0) {
            throw new IllegalStateException("cannot allocate a " + width + "x" + height + " frame");
        }
        packet = av_packet_alloc();
        toYuv = sws_getContext(width, height, AV_PIX_FMT_BGR24, width, height, AV_PIX_FMT_YUV420P,
                SWS_BILINEAR, null, null, (DoublePointer) null);
    }

    static H264Encoder open(int width, int height, double fps, H264Settings settings) throws IOException {
        return open(width, height, fps, settings, false);
    }

    /** @param zeroLatency every frame out as a packet at once (x264's {@code zerolatency}), for live outputs */
    static H264Encoder open(int width, int height, double fps, H264Settings settings, boolean zeroLatency)
            throws IOException {
        AVCodec codec = avcodec_find_encoder_by_name(ENCODER);
        if (codec == null) {
            throw new IOException("FFmpeg has no " + ENCODER + " encoder (the GPL build of the natives is needed)");
        }
        AVRational rate = av_d2q(fps, MAX_RATE_DENOMINATOR);
        AVCodecContext context = avcodec_alloc_context3(codec);
        context.width(width).height(height).pix_fmt(AV_PIX_FMT_YUV420P)
                .time_base(av_inv_q(rate)).framerate(rate)
                .gop_size(settings.gopFrames(fps)).max_b_frames(0)
                .flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "preset", settings.preset(), 0);
        av_dict_set(options, "crf", Integer.toString(settings.crf()), 0);
        if (zeroLatency) {
            av_dict_set(options, "tune", "zerolatency", 0);
        }
        int result = avcodec_open2(context, codec, options);
        av_dict_free(options);
        if (result < 0) {
            avcodec_free_context(context);
            throw new IOException("cannot open " + ENCODER + ": " + FfmpegError.describe(result));
        }
        return new H264Encoder(context, width, height);
    }

    AVCodecContext context() {
        return context;
    }

    AVRational timeBase() {
        return context.time_base();
    }

    /**
     * Encodes the next frame (an 8-bit BGR image of the encoder's size); packets go to the sink.
     *
     * @param keyframe encode this frame as a keyframe (IDR, since GOPs are closed), whatever the GOP says
     */
    void encode(Mat bgr, boolean keyframe, PacketSink sink) throws IOException {
        if (bgr.cols() != width || bgr.rows() != height || bgr.channels() != 3) {
            throw new IllegalArgumentException("expected a " + width + "x" + height + " BGR image, got "
                    + bgr.cols() + "x" + bgr.rows() + "x" + bgr.channels());
        }
        FfmpegError.check(av_frame_make_writable(frame), "frame not writable");
        sourcePlanes.put(0, bgr.data());
        sourceStride.put(0, (int) bgr.step());
        sws_scale(toYuv, sourcePlanes, sourceStride, 0, height, frame.data(), frame.linesize());
        frame.pts(nextPts++);
        frame.pict_type(keyframe ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        send(frame, sink);
    }

    /** Drains the frames the encoder still holds. */
    void flush(PacketSink sink) throws IOException {
        send(null, sink);
    }

    private void send(AVFrame input, PacketSink sink) throws IOException {
        FfmpegError.check(avcodec_send_frame(context, input), "encoding failed");
        while (true) {
            int result = avcodec_receive_packet(context, packet);
            if (result == AVERROR_EAGAIN() || result == AVERROR_EOF) {
                return;
            }
            FfmpegError.check(result, "encoding failed");
            try {
                sink.accept(packet, context.time_base());
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    @Override
    public void close() {
        sws_freeContext(toYuv);
        av_packet_free(packet);
        av_frame_free(frame);
        avcodec_free_context(context);
        sourceStride.close();
        sourcePlanes.close();
    }
}
