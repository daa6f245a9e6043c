package io.stride.e2e.camera;

import io.stride.rtsp.RtspServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A camera: FFmpeg publishing a clip, looped, in real time ({@code -re}) and unchanged ({@code -c copy}) to a path
 * of an RTSP relay, as the backend's camera tests do.
 */
public final class LoopPublisher implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;

    private LoopPublisher(Process process) {
        this.process = process;
    }

    /** Starts FFmpeg and waits until the relay has it live on {@code path}. */
    public static LoopPublisher start(Path clip, RtspServer relay, String path) throws IOException,
            InterruptedException {
        Process process = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                "-stream_loop", "-1", "-i", clip.toString(), "-an", "-c", "copy", "-f", "rtsp",
                "-rtsp_transport", "tcp", "rtsp://127.0.0.1:" + relay.port() + path)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!relay.isLive(path)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("ffmpeg did not go live on " + path + " (exit "
                        + (process.isAlive() ? "none" : process.exitValue()) + ")");
            }
            Thread.sleep(50);
        }
        return new LoopPublisher(process);
    }

    /** Kills FFmpeg (SIGKILL: the camera drops off without a TEARDOWN, as a power cut would). */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
