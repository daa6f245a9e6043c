package io.stride.e2e.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * When a player gets a task's first picture from its RTSP stream: FFmpeg as the client, with the options of a
 * low-latency player (half a second of probing), asking again while the stream does not exist yet (404), as
 * players do.
 */
final class StreamFirstFrame {

    private static final String CONNECT_TIMEOUT_MICROS = "5000000";
    private static final String PROBE_MICROS = "500000";
    private static final Duration RETRY = Duration.ofMillis(50);
    private static final double NANOS_PER_SECOND = 1e9;

    private StreamFirstFrame() {
    }

    /**
     * Starts watching the stream on a thread of its own.
     *
     * @param since   {@link System#nanoTime()} of the moment the seconds are counted from
     * @param timeout how long to keep asking
     * @return seconds from {@code since} to the first decoded picture, or NaN when none came within the timeout
     */
    static CompletableFuture<Double> watch(String url, long since, Duration timeout) {
        return CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                try (var grabber = new FFmpegFrameGrabber(url)) {
                    grabber.setOption("rtsp_transport", "tcp");
                    grabber.setOption("timeout", CONNECT_TIMEOUT_MICROS);
                    grabber.setOption("analyzeduration", PROBE_MICROS);
                    grabber.start();
                    if (grabber.grabImage() != null) {
                        return (System.nanoTime() - since) / NANOS_PER_SECOND;
                    }
                } catch (Exception e) {
                    LockSupport.parkNanos(RETRY.toNanos()); // not published yet
                }
            }
            return Double.NaN;
        }, task -> {
            Thread watcher = new Thread(task, "stream-first-frame");
            watcher.setDaemon(true);
            watcher.start();
        });
    }
}
