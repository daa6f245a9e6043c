package io.stride.annotation.output;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;

/** FFmpeg's negative return codes as readable messages. */
final class FfmpegError {

    private static final int MESSAGE_CAPACITY = 256;

    private FfmpegError() {
    }

    static void check(int result, String what) throws IOException {
        if (result < 0) {
            throw new IOException(what + ": " + describe(result));
        }
    }

    static String describe(int error) {
        byte[] message = new byte[MESSAGE_CAPACITY];
        av_strerror(error, message, message.length);
        int end = 0;
        while (end < message.length && message[end] != 0) {
            end++;
        }
        return new String(message, 0, end, java.nio.charset.StandardCharsets.UTF_8) + " (" + error + ")";
    }
}
