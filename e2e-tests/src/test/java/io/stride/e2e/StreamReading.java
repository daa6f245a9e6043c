package io.stride.e2e;

import org.bytedeco.javacv.FFmpegFrameGrabber;

/** What a player saw of an RTSP stream: FFmpeg as the client, like ffplay. */
record StreamReading(String transport, int frames, int width, int height, long firstFrameAt) {

    private static final String CONNECT_TIMEOUT_MICROS = "10000000";
    /** Probe half a second of stream, as a low-latency player does (FFmpeg's default 5 s of stream is long at 6 fps). */
    private static final String PROBE_MICROS = "500000";

    /**
     * Reads up to {@code frames} decoded frames, then hangs up without TEARDOWN (closing the connection).
     * Retries a 404, as players do, when the stream has not started yet.
     */
    static StreamReading read(String url, String transport, int frames, int attempts) {
        for (int attempt = 1; ; attempt++) {
            try (var grabber = new FFmpegFrameGrabber(url)) {
                grabber.setOption("rtsp_transport", transport);
                grabber.setOption("timeout", CONNECT_TIMEOUT_MICROS);
                grabber.setOption("analyzeduration", PROBE_MICROS);
                grabber.start();
                int seen = 0;
                long firstFrameAt = 0;
                while (seen < frames && grabber.grabImage() != null) {
                    if (seen++ == 0) {
                        firstFrameAt = System.nanoTime();
                    }
                }
                return new StreamReading(transport, seen, grabber.getImageWidth(), grabber.getImageHeight(),
                        firstFrameAt);
            } catch (Exception e) {
                if (attempt >= attempts) {
                    throw new IllegalStateException(transport + " player of " + url + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
