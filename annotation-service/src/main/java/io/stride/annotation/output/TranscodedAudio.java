package io.stride.annotation.output;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_free;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_read;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_size;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_write;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert_frame;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;

import java.io.IOException;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * An audio track MP4 players do not all take (Opus, Vorbis, PCM, …) re-encoded to AAC-LC with FFmpeg's
 * native encoder: decode, resample to the encoder's planar float, cut into the encoder's 1024-sample frames,
 * encode. Mono stays mono; anything with more channels is mixed down to stereo, which every player plays.
 */
final class TranscodedAudio implements AudioPackets {

    /** 64 kb/s a channel: FFmpeg's native AAC encoder is transparent for speech and most music there. */
    private static final long BIT_RATE_PER_CHANNEL = 64_000;
    /** Sample rates AAC can signal; another one is resampled to {@link #FALLBACK_RATE}. */
    private static final Set<Integer> AAC_RATES = Set.of(96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050,
            16000, 12000, 11025, 8000, 7350);
    private static final int FALLBACK_RATE = 48000;
    private static final int MAX_CHANNELS = 2;

    private final FFmpegFrameGrabber source;
    private final AVStream stream;
    private final long videoStart;
    private final AVCodecContext decoder;
    private final AVCodecContext encoder;
    private final SwrContext resampler = swr_alloc();
    private final AVAudioFifo fifo;
    private final AVFrame decoded = av_frame_alloc();
    private final AVFrame resampled = av_frame_alloc();
    private final AVFrame toEncode = av_frame_alloc();
    private final AVPacket packet = av_packet_alloc();
    private final AVCodecParameters parameters = avcodec_parameters_alloc();
    private boolean sourceDrained;
    private boolean decoderDrained;
    private boolean encoderFlushed;
    /** Timestamp of the next frame sent to the encoder, in samples; set from the first decoded frame. */
    private long nextSample = AV_NOPTS_VALUE;

    private TranscodedAudio(FFmpegFrameGrabber source, AVStream stream, long videoStart, AVCodecContext decoder,
                            AVCodecContext encoder) throws IOException {
        this.source = source;
        this.stream = stream;
        this.videoStart = videoStart;
        this.decoder = decoder;
        this.encoder = encoder;
        this.fifo = av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, encoder.ch_layout().nb_channels(), encoder.frame_size());
        FfmpegError.check(avcodec_parameters_from_context(parameters, encoder), "AAC codec parameters");
    }

    /**
     * @param videoStart the source's first video frame, in the audio stream's time base
     */
    static TranscodedAudio open(FFmpegFrameGrabber source, AVStream stream, long videoStart) throws IOException {
        AVCodecContext decoder = openDecoder(stream);
        try {
            return new TranscodedAudio(source, stream, videoStart, decoder, openEncoder(decoder));
        } catch (IOException | RuntimeException e) {
            avcodec_free_context(decoder);
            throw e;
        }
    }

    private static AVCodecContext openDecoder(AVStream stream) throws IOException {
        AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
        if (codec == null) {
            throw new IOException("no decoder for the source's audio (codec id " + stream.codecpar().codec_id() + ")");
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        int result = avcodec_parameters_to_context(context, stream.codecpar());
        context.pkt_timebase(stream.time_base());
        if (result >= 0) {
            result = avcodec_open2(context, codec, (AVDictionary) null);
        }
        if (result < 0) {
            avcodec_free_context(context);
            throw new IOException("cannot decode the source's audio: " + FfmpegError.describe(result));
        }
        return context;
    }

    private static AVCodecContext openEncoder(AVCodecContext decoder) throws IOException {
        AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
        if (codec == null) {
            throw new IOException("FFmpeg has no AAC encoder");
        }
        int rate = AAC_RATES.contains(decoder.sample_rate()) ? decoder.sample_rate() : FALLBACK_RATE;
        int channels = Math.max(1, Math.min(MAX_CHANNELS, decoder.ch_layout().nb_channels()));
        AVCodecContext context = avcodec_alloc_context3(codec);
        av_channel_layout_default(context.ch_layout(), channels);
        context.sample_fmt(AV_SAMPLE_FMT_FLTP).sample_rate(rate).time_base(av_make_q(1, rate))
                .bit_rate(BIT_RATE_PER_CHANNEL * channels)
                .flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        int result = avcodec_open2(context, codec, (AVDictionary) null);
        if (result < 0) {
            avcodec_free_context(context);
            throw new IOException("cannot open the AAC encoder: " + FfmpegError.describe(result));
        }
        return context;
    }

    @Override
    public AVCodecParameters parameters() {
        return parameters;
    }

    @Override
    public AVRational timeBase() {
        return encoder.time_base();
    }

    @Override
    public AVPacket next() throws IOException {
        while (true) {
            int received = avcodec_receive_packet(encoder, packet);
            if (received >= 0) {
                return packet;
            }
            if (received == AVERROR_EOF) {
                return null;
            }
            if (received != AVERROR_EAGAIN()) {
                FfmpegError.check(received, "AAC encoding failed");
            }
            feedEncoder();
        }
    }

    /** Gives the encoder its next frame of samples, decoding more of the source first where needed. */
    private void feedEncoder() throws IOException {
        while (av_audio_fifo_size(fifo) < encoder.frame_size() && !decoderDrained) {
            decodeMore();
        }
        int available = Math.min(av_audio_fifo_size(fifo), encoder.frame_size());
        if (available > 0) {
            encode(available);
        } else if (!encoderFlushed) {
            encoderFlushed = true;
            FfmpegError.check(avcodec_send_frame(encoder, null), "AAC encoding failed");
        }
    }

    private void encode(int samples) throws IOException {
        av_frame_unref(toEncode);
        toEncode.format(AV_SAMPLE_FMT_FLTP).nb_samples(samples).sample_rate(encoder.sample_rate());
        FfmpegError.check(av_channel_layout_copy(toEncode.ch_layout(), encoder.ch_layout()), "channel layout");
        FfmpegError.check(av_frame_get_buffer(toEncode, 0), "audio frame");
        av_audio_fifo_read(fifo, toEncode.extended_data(), samples);
        toEncode.pts(nextSample);
        nextSample += samples;
        FfmpegError.check(avcodec_send_frame(encoder, toEncode), "AAC encoding failed");
    }

    /** Decodes (and resamples into the FIFO) what the next source packet holds, or flushes at the end. */
    private void decodeMore() throws IOException {
        int result = avcodec_receive_frame(decoder, decoded);
        if (result >= 0) {
            resample(decoded);
            av_frame_unref(decoded);
        } else if (result == AVERROR_EOF) {
            if (nextSample != AV_NOPTS_VALUE) {
                resample(null);
            }
            decoderDrained = true;
        } else if (result == AVERROR_EAGAIN()) {
            sendSourcePacket();
        } else {
            FfmpegError.check(result, "cannot decode the source's audio");
        }
    }

    private void sendSourcePacket() throws IOException {
        if (sourceDrained) {
            return;
        }
        for (AVPacket input = source.grabPacket(); input != null; input = source.grabPacket()) {
            if (input.stream_index() == stream.index()) {
                // A damaged packet costs a few milliseconds of sound, not the result's audio track.
                avcodec_send_packet(decoder, input);
                return;
            }
        }
        sourceDrained = true;
        avcodec_send_packet(decoder, null);
    }

    /** Converts {@code frame} (null: what the resampler still holds) and queues it for the encoder. */
    private void resample(AVFrame frame) throws IOException {
        if (frame != null && nextSample == AV_NOPTS_VALUE) {
            long start = frame.best_effort_timestamp() == AV_NOPTS_VALUE ? videoStart : frame.best_effort_timestamp();
            nextSample = av_rescale_q(start - videoStart, stream.time_base(), encoder.time_base());
        }
        av_frame_unref(resampled);
        resampled.format(AV_SAMPLE_FMT_FLTP).sample_rate(encoder.sample_rate());
        FfmpegError.check(av_channel_layout_copy(resampled.ch_layout(), encoder.ch_layout()), "channel layout");
        FfmpegError.check(swr_convert_frame(resampler, resampled, frame), "cannot resample the source's audio");
        if (resampled.nb_samples() > 0) {
            av_audio_fifo_write(fifo, resampled.extended_data(), resampled.nb_samples());
        }
    }

    @Override
    public void close() {
        av_packet_free(packet);
        av_frame_free(decoded);
        av_frame_free(resampled);
        av_frame_free(toEncode);
        av_audio_fifo_free(fifo);
        swr_free(resampler);
        avcodec_parameters_free(parameters);
        avcodec_free_context(encoder);
        avcodec_free_context(decoder);
    }
}
