package io.stride.annotation.output;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * An audio track MP4 holds as it is (AAC, MP3): its packets are copied, not re-encoded, so it loses nothing
 * and costs next to no CPU. Packets that end before the first video frame are left out.
 */
final class CopiedAudio implements AudioPackets {

    private final FFmpegFrameGrabber source;
    private final AVStream stream;
    /** The source's first video frame, in the audio's time base. */
    private final long videoStart;

    CopiedAudio(FFmpegFrameGrabber source, AVStream stream, long videoStart) {
        this.source = source;
        this.stream = stream;
        this.videoStart = videoStart;
    }

    @Override
    public AVCodecParameters parameters() {
        return stream.codecpar();
    }

    @Override
    public AVRational timeBase() {
        return stream.time_base();
    }

    @Override
    public AVPacket next() throws IOException {
        for (AVPacket packet = source.grabPacket(); packet != null; packet = source.grabPacket()) {
            if (packet.stream_index() != stream.index() || packet.pts() == AV_NOPTS_VALUE) {
                continue;
            }
            packet.pts(packet.pts() - videoStart);
            if (packet.dts() != AV_NOPTS_VALUE) {
                packet.dts(packet.dts() - videoStart);
            }
            if (packet.pts() + packet.duration() > 0) {
                return packet;
            }
        }
        return null;
    }

    @Override
    public void close() {
        // The packets belong to the grabber, which the caller closes.
    }
}
