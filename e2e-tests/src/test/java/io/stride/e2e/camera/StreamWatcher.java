package io.stride.e2e.camera;

import io.stride.e2e.fault.FrameIndexStamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A player of an RTSP stream on a thread of its own (FFmpeg as the client, over TCP, as ffplay): it decodes every
 * picture, notes when, its stamp and how grey it is, and connects again whenever the stream breaks or ends, as a
 * player left open does.
 */
public final class StreamWatcher implements AutoCloseable {

    /** The placeholder's mid grey (the backend's {@code camera.Placeholder.GREY}). */
    public static final int PLACEHOLDER_GREY = 128;
    /** How far from mid grey a channel may be after JPEG and H.264 and still count as the placeholder's. */
    private static final int GREY_TOLERANCE = 12;
    /** Every this many pixels in each direction are sampled for the grey share: enough, and cheap. */
    private static final int SAMPLE_STEP = 8;
    /**
     * No data for this long breaks a connection. Longer than a source outage's silence before the placeholder
     * (the stall timeout), so a player is not dropped by it; shorter than a stage's restart.
     */
    private static final String SOCKET_TIMEOUT_MICROS = "8000000";
    /** Probe half a second of stream, as a low-latency player does. */
    private static final String PROBE_MICROS = "500000";
    private static final Duration RETRY = Duration.ofMillis(200);
    private static final Duration JOIN = Duration.ofSeconds(15);

    private final String url;
    /** Whether only keyframes are decoded: a reader that must keep up with a source at little cost. */
    private final boolean keyframesOnly;
    private final List<Sighting> sightings = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    private StreamWatcher(String url, String name, boolean keyframesOnly) {
        this.url = url;
        this.keyframesOnly = keyframesOnly;
        this.thread = new Thread(this::watch, name);
        thread.setDaemon(true);
    }

    /** Starts watching {@code url}. */
    public static StreamWatcher watch(String url, String name) {
        return started(new StreamWatcher(url, name, false));
    }

    /** Starts watching {@code url}, decoding its keyframes only (about one a second at the test's source). */
    public static StreamWatcher watchKeyframes(String url, String name) {
        return started(new StreamWatcher(url, name, true));
    }

    private static StreamWatcher started(StreamWatcher watcher) {
        watcher.thread.start();
        return watcher;
    }

    /** Everything decoded so far, oldest first. */
    public synchronized List<Sighting> sightings() {
        return List.copyOf(sightings);
    }

    /** What was decoded at or after {@code wallNanos} ({@link System#nanoTime()}). */
    public synchronized List<Sighting> since(long wallNanos) {
        return sightings.stream().filter(s -> s.wallNanos() >= wallNanos).toList();
    }

    /** Connections that delivered a picture so far. */
    public int connections() {
        return connections.get();
    }

    private void watch() {
        while (running) {
            try (var grabber = new FFmpegFrameGrabber(url); var converter = new OpenCVFrameConverter.ToMat()) {
                grabber.setOption("rtsp_transport", "tcp");
                grabber.setOption("timeout", SOCKET_TIMEOUT_MICROS);
                grabber.setOption("analyzeduration", PROBE_MICROS);
                // One decoding thread: frame threading holds a picture per extra thread until more packets come,
                // which would delay the last pictures before a pause (a stall, the 2 fps placeholder) by seconds.
                grabber.setVideoOption("threads", "1");
                if (keyframesOnly) {
                    grabber.setVideoOption("skip_frame", "nokey");
                }
                grabber.start();
                int connection = 0;
                Frame frame;
                while (running && (frame = grabber.grabImage()) != null) {
                    long at = System.nanoTime();
                    if (connection == 0) {
                        connection = connections.incrementAndGet();
                    }
                    Mat picture = converter.convert(frame);
                    add(new Sighting(at, FrameIndexStamp.read(picture), greyShare(picture), connection));
                }
            } catch (Exception e) {
                // the stream is not there (yet, or any more): connect again
            }
            sleep(RETRY);
        }
    }

    private synchronized void add(Sighting sighting) {
        sightings.add(sighting);
    }

    /** The share of sampled pixels whose every channel is within the tolerance of mid grey. */
    static double greyShare(Mat bgr) {
        int grey = 0;
        int sampled = 0;
        try (UByteIndexer pixels = bgr.createIndexer()) {
            for (int y = 0; y < bgr.rows(); y += SAMPLE_STEP) {
                for (int x = 0; x < bgr.cols(); x += SAMPLE_STEP) {
                    boolean isGrey = true;
                    for (int c = 0; c < 3 && isGrey; c++) {
                        isGrey = Math.abs(pixels.get(y, x, c) - PLACEHOLDER_GREY) <= GREY_TOLERANCE;
                    }
                    grey += isGrey ? 1 : 0;
                    sampled++;
                }
            }
        }
        return sampled == 0 ? 0 : (double) grey / sampled;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops watching; waits for the open connection to end (at most the socket timeout). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(JOIN.toMillis());
    }
}
