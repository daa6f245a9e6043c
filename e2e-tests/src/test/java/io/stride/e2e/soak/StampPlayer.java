package io.stride.e2e.soak;

import io.stride.e2e.fault.FrameIndexStamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;

/**
 * A player of a stamped RTSP stream (FFmpeg over TCP, with low-delay flags so that it adds no buffering of its
 * own): for each decoded frame, when it arrived and which source frame it is.
 */
final class StampPlayer {

    private static final String CONNECT_TIMEOUT_MICROS = "10000000";
    private static final String PROBE_MICROS = "500000";
    private static final int ATTEMPTS = 10;
    private static final long RETRY_MILLIS = 1_000;

    /**
     * One frame seen.
     *
     * @param seenAtNanos {@link System#nanoTime()} when it was decoded
     * @param stamp       its stamp, or {@link FrameIndexStamp#UNREADABLE}
     */
    record Seen(long seenAtNanos, int stamp) {
    }

    private StampPlayer() {
    }

    /** Plays {@code url} until {@code stop} is set or {@code untilNanos} passes; reconnects if it drops. */
    static List<Seen> play(String url, long untilNanos, AtomicBoolean stop) throws InterruptedException {
        List<Seen> seen = new ArrayList<>();
        int failures = 0;
        while (!stop.get() && System.nanoTime() < untilNanos) {
            try (var grabber = new FFmpegFrameGrabber(url); var converter = new OpenCVFrameConverter.ToMat()) {
                grabber.setOption("rtsp_transport", "tcp");
                grabber.setOption("timeout", CONNECT_TIMEOUT_MICROS);
                grabber.setOption("analyzeduration", PROBE_MICROS);
                grabber.setOption("fflags", "nobuffer");
                grabber.setOption("flags", "low_delay");
                grabber.start();
                Frame frame;
                while (!stop.get() && System.nanoTime() < untilNanos && (frame = grabber.grabImage()) != null) {
                    long at = System.nanoTime();
                    seen.add(new Seen(at, FrameIndexStamp.read(converter.convert(frame))));
                }
            } catch (Exception e) {
                if (++failures >= ATTEMPTS) {
                    throw new IllegalStateException("player of " + url + ": " + e.getMessage(), e);
                }
                Thread.sleep(RETRY_MILLIS);
            }
        }
        return seen;
    }
}
