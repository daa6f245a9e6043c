package io.stride.e2e.soak;

import io.stride.rtsp.RtspServer;
import io.stride.rtsp.RtspServerSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real camera for the soaks: Stride's RTSP relay on a loopback port, and the {@code ffmpeg} command-line tool
 * publishing a video file to it looped in real time ({@code -re -stream_loop -1 -c copy}), as the camera tests
 * do. The publisher can be stopped and started again to make the source go away while the relay stays.
 */
final class CameraSource implements AutoCloseable {

    private static final String PATH = "/cam";
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;

    private final RtspServer relay;
    private final Path video;
    private Process publisher;
    private long publishedAtNanos;

    private CameraSource(RtspServer relay, Path video) {
        this.relay = relay;
        this.video = video;
    }

    /** Starts the relay and publishes {@code video} to it; returns once the relay has the stream. */
    static CameraSource start(Path video) throws IOException, InterruptedException {
        RtspServer relay = new RtspServer(RtspServerSettings.loopbackEphemeral());
        relay.start();
        CameraSource source = new CameraSource(relay, video);
        try {
            source.publish();
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
        return source;
    }

    /** The camera's URL, for {@code POST /streams}. */
    String url() {
        return "rtsp://127.0.0.1:" + relay.port() + PATH;
    }

    /**
     * {@link System#nanoTime()} just before the publisher was started: with {@code -re} the file's frame k leaves
     * no earlier than this plus k frame intervals (FFmpeg's own start-up only delays it).
     */
    long publishedAtNanos() {
        return publishedAtNanos;
    }

    /** Starts the publisher (again) and waits until the relay has the stream. */
    void publish() throws IOException, InterruptedException {
        publishedAtNanos = System.nanoTime();
        publisher = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                "-stream_loop", "-1", "-i", video.toString(), "-an", "-c", "copy", "-f", "rtsp",
                "-rtsp_transport", "tcp", url())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + PUBLISH_TIMEOUT.toNanos();
        while (!relay.isLive(PATH)) {
            if (!publisher.isAlive() || System.nanoTime() > deadline) {
                stopPublisher();
                throw new IOException("ffmpeg did not publish " + video + " to the relay within " + PUBLISH_TIMEOUT);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Stops the publisher: the source goes away, the relay stays. */
    void stopPublisher() throws InterruptedException {
        if (publisher != null && publisher.isAlive()) {
            publisher.destroy();
            if (!publisher.waitFor(5, TimeUnit.SECONDS)) {
                publisher.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() {
        try {
            stopPublisher();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            relay.close();
        }
    }
}
