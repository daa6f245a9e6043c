package io.stride.annotation.output;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * What a muxer needs to know of an encoded video stream: its codec parameters (with SPS/PPS), the time base
 * of its packets and its frame rate. Owns a copy of the parameters; {@link #close()} frees it.
 */
public record StreamFormat(AVCodecParameters parameters, AVRational timeBase, AVRational frameRate)
        implements AutoCloseable {

    @Override
    public void close() {
        avcodec_parameters_free(parameters);
    }
}
