package io.stride.annotation.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Joins MP4 segments of one H.264 stream, each starting on a keyframe and all encoded alike (same SPS/PPS),
 * into one MP4 by stream copy: no re-encoding, so the joined file holds exactly the segments' frames. Each
 * segment's timestamps start again at 0; here they are moved to follow the previous segment's last frame.
 */
final class Mp4SegmentJoiner {

    private static final Map<String, String> FASTSTART = Map.of("movflags", "+faststart");

    private Mp4SegmentJoiner() {
    }

    /** Writes {@code output} (faststart) from {@code segments}, in order. */
    static void join(List<Path> segments, Path output) throws IOException {
        if (segments.isEmpty()) {
            throw new IOException("no segment to join: the task has no frames");
        }
        PacketMuxer muxer = null;
        try {
            long start = 0;
            // Numbers, not the first segment's AVRational: that one is freed with its input.
            int timeBaseNum = 0;
            int timeBaseDen = 0;
            for (Path segment : segments) {
                try (var input = new FFmpegFrameGrabber(segment.toFile())) {
                    input.start();
                    AVStream stream = input.getFormatContext().streams(input.getVideoStream());
                    if (muxer == null) {
                        timeBaseNum = stream.time_base().num();
                        timeBaseDen = stream.time_base().den();
                        muxer = PacketMuxer.open("mp4", output.toString(), stream.codecpar(), stream.time_base(),
                                stream.avg_frame_rate(), FASTSTART);
                    } else if (stream.time_base().num() != timeBaseNum || stream.time_base().den() != timeBaseDen) {
                        throw new IOException(segment.getFileName() + " has another time base than the first segment");
                    }
                    start = copy(input, stream, muxer, start);
                }
            }
            muxer.finish();
        } finally {
            if (muxer != null) {
                muxer.close();
            }
        }
    }

    /** Copies one segment's packets, shifted to begin at {@code start}; returns where the next one begins. */
    private static long copy(FFmpegFrameGrabber input, AVStream stream, PacketMuxer muxer, long start)
            throws IOException {
        long end = start;
        Long shift = null;
        for (AVPacket packet = input.grabPacket(); packet != null; packet = input.grabPacket()) {
            if (packet.stream_index() != stream.index()) {
                continue;
            }
            if (shift == null) {
                shift = start - packet.dts();
            }
            packet.pts(packet.pts() + shift).dts(packet.dts() + shift);
            end = Math.max(end, packet.pts() + packet.duration());
            muxer.accept(packet, stream.time_base());
        }
        return end;
    }
}
