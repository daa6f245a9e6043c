package io.stride.backend.decode;

import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_READ;
import static org.bytedeco.ffmpeg.global.avformat.av_probe_input_buffer2;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * The container formats FFmpeg may open an upload in, and the one way it opens one: with that allow-list
 * (avformat's {@code format_whitelist}) and the {@code file} protocol alone ({@code protocol_whitelist}).
 *
 * <p>FFmpeg has demuxers that read other files or connect elsewhere: HLS playlists, {@code ffconcat} lists, SDP
 * session descriptions (which open RTP sockets), DASH manifests, devices. An upload in one of them would make the
 * backend read another task's upload or reach into the network, so only formats that hold their own pictures are
 * accepted. Audio-only formats are on the list so that such a file is told it has no video stream.
 */
final class AcceptedFormats {

    /**
     * FFmpeg demuxer names; a demuxer whose name lists aliases ({@code mov,mp4,m4a,3gp,3g2,mj2}) matches when one
     * of them is here, as FFmpeg's own {@code av_match_list} matches the whitelist.
     */
    static final List<String> DEMUXERS = List.of(
            "mov", "matroska", "avi", "mpegts", "mpeg", "flv", "asf", "ogg", "mxf", "nut", "dv",
            "ivf", "obu", "yuv4mpegpipe", "h264", "hevc", "m4v", "mpegvideo", "gif", "apng",
            "mp3", "wav", "flac", "aac");
    static final String PROTOCOLS = "file";

    private AcceptedFormats() {
    }

    /** Whether FFmpeg's demuxer of that name (possibly a list of aliases) is accepted. */
    static boolean isAccepted(String demuxer) {
        return Arrays.stream(demuxer.split(",")).anyMatch(DEMUXERS::contains);
    }

    /** A grabber for an upload, not started: accepted formats only, read from the local file alone. */
    static FFmpegFrameGrabber grabber(Path file) {
        var grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setOption("format_whitelist", String.join(",", DEMUXERS));
        grabber.setOption("protocol_whitelist", PROTOCOLS);
        return grabber;
    }

    /**
     * The demuxer FFmpeg picks for the file by its content, as opening it would, without running the demuxer
     * (which for a refused format is the very thing to avoid); empty when no demuxer recognises the content.
     */
    static Optional<String> detect(Path file) {
        String path = file.toString();
        AVIOContext input = new AVIOContext(null);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "protocol_whitelist", PROTOCOLS, 0);
        int opened = avio_open2(input, path, AVIO_FLAG_READ, null, options);
        av_dict_free(options);
        if (opened < 0) {
            return Optional.empty();
        }
        try {
            AVInputFormat format = new AVInputFormat(null);
            int probed = av_probe_input_buffer2(input, format, path, null, 0, 0);
            return probed < 0 || format.isNull() ? Optional.empty() : Optional.of(format.name().getString());
        } finally {
            avio_closep(input);
        }
    }
}
