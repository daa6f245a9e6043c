package io.stride.annotation.output;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * A source's audio track as packets ready for the result MP4, timed so that 0 is the source's first video
 * frame (the result's frame 0).
 */
interface AudioPackets extends AutoCloseable {

    /** The codec parameters of the packets, for the output stream. */
    AVCodecParameters parameters();

    /** The unit of the packets' timestamps. */
    AVRational timeBase();

    /** The next packet, valid until the following call; null after the last. */
    AVPacket next() throws IOException;

    @Override
    void close();
}
