package io.stride.annotation.output;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Receives the encoder's packets. The packet belongs to the encoder and is reused after the call returns:
 * a sink that keeps it must clone it ({@code av_packet_clone}).
 */
public interface PacketSink {

    /** @param timeBase the unit of the packet's pts and dts */
    void accept(AVPacket packet, AVRational timeBase) throws java.io.IOException;

    /** No more packets will come. */
    default void end() {
    }
}
