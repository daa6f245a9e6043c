package io.stride.annotation.output;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.io.IOException;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Writes already-encoded video packets into one container: an MP4 file or an RTSP publication. No
 * encoding happens here, so any number of muxers can share one encoder's packets.
 */
public final class PacketMuxer implements PacketSink, AutoCloseable {

    private final AVFormatContext context;
    private final AVStream stream;
    private final String target;
    private boolean headerWritten;
    /** The last decoding time written, in the stream's time base. */
    private long lastDts = AV_NOPTS_VALUE;

    private PacketMuxer(AVFormatContext context, AVStream stream, String target) {
        this.context = context;
        this.stream = stream;
        this.target = target;
    }

    /**
     * Opens the output and writes its header (for RTSP this is the ANNOUNCE/SETUP/RECORD handshake).
     *
     * @param format  FFmpeg muxer name, {@code mp4} or {@code rtsp}
     * @param target  a file path or URL
     * @param options muxer options, e.g. {@code movflags=+faststart} or {@code rtsp_transport=tcp}
     */
    static PacketMuxer open(String format, String target, AVCodecContext encoder, Map<String, String> options)
            throws IOException {
        AVCodecParameters parameters = avcodec_parameters_alloc();
        try {
            FfmpegError.check(avcodec_parameters_from_context(parameters, encoder), "codec parameters");
            return open(format, target, parameters, encoder.time_base(), encoder.framerate(), options);
        } finally {
            avcodec_parameters_free(parameters);
        }
    }

    /** As {@link #open(String, String, AVCodecContext, Map)}, for packets of a stream described by its parameters. */
    public static PacketMuxer open(String format, String target, AVCodecParameters parameters, AVRational timeBase,
                                   AVRational frameRate, Map<String, String> options) throws IOException {
        AVFormatContext context = new AVFormatContext(null);
        FfmpegError.check(avformat_alloc_output_context2(context, null, format, target), "cannot create " + format + " output");
        var muxer = new PacketMuxer(context, avformat_new_stream(context, null), target);
        try {
            muxer.start(parameters, timeBase, frameRate, options);
            return muxer;
        } catch (IOException | RuntimeException e) {
            muxer.close();
            throw e;
        }
    }

    private void start(AVCodecParameters parameters, AVRational timeBase, AVRational frameRate,
                       Map<String, String> options) throws IOException {
        FfmpegError.check(avcodec_parameters_copy(stream.codecpar(), parameters), "codec parameters");
        stream.time_base(timeBase);
        stream.avg_frame_rate(frameRate);
        if ((context.oformat().flags() & AVFMT_NOFILE) == 0) {
            var io = new AVIOContext(null);
            FfmpegError.check(avio_open2(io, target, AVIO_FLAG_WRITE, null, null), "cannot open " + target);
            context.pb(io);
        }
        AVDictionary dictionary = new AVDictionary(null);
        options.forEach((key, value) -> av_dict_set(dictionary, key, value, 0));
        int result = avformat_write_header(context, dictionary);
        av_dict_free(dictionary);
        FfmpegError.check(result, "cannot start " + target);
        headerWritten = true;
    }

    @Override
    public void accept(AVPacket packet, AVRational timeBase) throws IOException {
        AVPacket copy = av_packet_clone(packet);
        try {
            av_packet_rescale_ts(copy, timeBase, stream.time_base());
            keepDtsIncreasing(copy);
            copy.stream_index(stream.index());
            FfmpegError.check(av_interleaved_write_frame(context, copy), "cannot write to " + target);
        } finally {
            av_packet_free(copy);
        }
    }

    /**
     * Times a microsecond apart (a camera's, kept increasing that way) can meet in a coarser time base (RTSP's
     * 90 kHz), and a muxer refuses a decoding time that does not increase, which would end the stream for good:
     * such a packet goes one tick later.
     */
    private void keepDtsIncreasing(AVPacket packet) {
        if (packet.dts() != AV_NOPTS_VALUE && lastDts != AV_NOPTS_VALUE && packet.dts() <= lastDts) {
            packet.dts(lastDts + 1);
            if (packet.pts() != AV_NOPTS_VALUE && packet.pts() < packet.dts()) {
                packet.pts(packet.dts());
            }
        }
        if (packet.dts() != AV_NOPTS_VALUE) {
            lastDts = packet.dts();
        }
    }

    /** Writes the trailer (the MP4 index) and closes the output. */
    public void finish() throws IOException {
        try {
            if (headerWritten) {
                headerWritten = false;
                FfmpegError.check(av_write_trailer(context), "cannot finish " + target);
            }
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (context.isNull()) {
            return;
        }
        if ((context.oformat().flags() & AVFMT_NOFILE) == 0 && context.pb() != null && !context.pb().isNull()) {
            avio_closep(context.pb());
        }
        avformat_free_context(context);
        context.setNull();
    }
}
