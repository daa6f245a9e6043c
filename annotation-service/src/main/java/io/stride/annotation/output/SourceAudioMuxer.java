package io.stride.annotation.output;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
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
import static org.bytedeco.ffmpeg.global.avutil.av_compare_ts;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Puts a source video's audio track next to the annotated video: a new MP4 (faststart) with the annotated
 * video's packets as they are and the source's audio, copied when MP4 holds it as it is (AAC, MP3) and
 * re-encoded to AAC otherwise. The audio keeps its timing relative to the source's first video frame, which
 * is the annotated video's frame 0. Packets are written in time order, so players read both tracks evenly.
 */
final class SourceAudioMuxer {

    private SourceAudioMuxer() {
    }

    /**
     * Writes {@code output} when the source has an audio track.
     *
     * @return false, writing nothing, when {@code source} has no audio
     */
    static boolean mux(Path video, Path source, Path output) throws IOException {
        try (var sourceInput = new FFmpegFrameGrabber(source.toFile());
             var videoInput = new FFmpegFrameGrabber(video.toFile())) {
            sourceInput.start();
            if (sourceInput.getAudioStream() < 0) {
                return false;
            }
            videoInput.start();
            AVStream audioStream = sourceInput.getFormatContext().streams(sourceInput.getAudioStream());
            AVStream videoStream = videoInput.getFormatContext().streams(videoInput.getVideoStream());
            long videoStart = videoStartIn(sourceInput, audioStream.time_base());
            try (AudioPackets audio = audioOf(sourceInput, audioStream, videoStart)) {
                write(output, videoInput, videoStream, audio);
            }
            return true;
        }
    }

    private static AudioPackets audioOf(FFmpegFrameGrabber source, AVStream stream, long videoStart)
            throws IOException {
        int codec = stream.codecpar().codec_id();
        return codec == AV_CODEC_ID_AAC || codec == AV_CODEC_ID_MP3
                ? new CopiedAudio(source, stream, videoStart)
                : TranscodedAudio.open(source, stream, videoStart);
    }

    /** When the source's first video frame is shown, in {@code timeBase}; 0 without a known start. */
    private static long videoStartIn(FFmpegFrameGrabber source, AVRational timeBase) {
        if (source.getVideoStream() < 0) {
            return 0;
        }
        AVStream video = source.getFormatContext().streams(source.getVideoStream());
        return video.start_time() == AV_NOPTS_VALUE ? 0 : av_rescale_q(video.start_time(), video.time_base(), timeBase);
    }

    private static void write(Path output, FFmpegFrameGrabber videoInput, AVStream videoStream, AudioPackets audio)
            throws IOException {
        AVFormatContext context = new AVFormatContext(null);
        FfmpegError.check(avformat_alloc_output_context2(context, null, "mp4", output.toString()), "cannot create MP4");
        try {
            AVStream videoOut = newStream(context, videoStream.codecpar(), videoStream.time_base());
            AVStream audioOut = newStream(context, audio.parameters(), audio.timeBase());
            var io = new AVIOContext(null);
            FfmpegError.check(avio_open2(io, output.toString(), AVIO_FLAG_WRITE, null, null), "cannot open " + output);
            context.pb(io);
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "movflags", "+faststart", 0);
            int started = avformat_write_header(context, options);
            av_dict_free(options);
            FfmpegError.check(started, "cannot start " + output);
            interleave(context, videoInput.grabPacket(), videoInput, videoStream, videoOut, audio, audioOut);
            FfmpegError.check(av_write_trailer(context), "cannot finish " + output);
        } finally {
            if (context.pb() != null && !context.pb().isNull()) {
                avio_closep(context.pb());
            }
            avformat_free_context(context);
        }
    }

    /** Writes both tracks' packets in decoding-time order. */
    private static void interleave(AVFormatContext context, AVPacket firstVideo, FFmpegFrameGrabber videoInput,
                                   AVStream videoIn, AVStream videoOut, AudioPackets audio, AVStream audioOut)
            throws IOException {
        AVPacket video = firstVideo;
        AVPacket sound = audio.next();
        while (video != null || sound != null) {
            if (sound == null || video != null
                    && av_compare_ts(video.dts(), videoIn.time_base(), sound.dts(), audio.timeBase()) <= 0) {
                writeCopy(context, video, videoIn.time_base(), videoOut);
                video = videoInput.grabPacket();
            } else {
                writeCopy(context, sound, audio.timeBase(), audioOut);
                sound = audio.next();
            }
        }
    }

    private static AVStream newStream(AVFormatContext context, AVCodecParameters parameters, AVRational timeBase)
            throws IOException {
        AVStream stream = avformat_new_stream(context, null);
        FfmpegError.check(avcodec_parameters_copy(stream.codecpar(), parameters), "codec parameters");
        // The source container's codec tag (e.g. Matroska's) means nothing in MP4: let the muxer choose.
        stream.codecpar().codec_tag(0);
        stream.time_base(timeBase);
        return stream;
    }

    private static void writeCopy(AVFormatContext context, AVPacket packet, AVRational from, AVStream to)
            throws IOException {
        AVPacket copy = av_packet_clone(packet);
        try {
            av_packet_rescale_ts(copy, from, to.time_base());
            copy.stream_index(to.index());
            FfmpegError.check(av_interleaved_write_frame(context, copy), "cannot write the MP4");
        } finally {
            av_packet_free(copy);
        }
    }
}
