package io.stride.rtsp;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Publishes synthetic video the way the annotation service will: FFmpeg's {@code rtsp} muxer over interleaved TCP,
 * libx264 with a one-second GOP and no B-frames, in real time. Every frame is a flat {@link #BACKGROUND} colour with
 * a white square moving left to right, and its index written in a band of 16 black/white cells across the top, so
 * a reader can check it decoded real pixels and which frames it got ({@link #frameIndex}).
 */
final class SyntheticVideoPublisher implements AutoCloseable {

    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    static final int FPS = 25;
    /** BGR of the background. */
    static final int[] BACKGROUND = {40, 160, 220};
    static final int SQUARE = 40;
    static final int GOP = FPS;
    private static final int INDEX_BITS = 16;
    private static final int CELL_WIDTH = WIDTH / INDEX_BITS;
    private static final int BAND_HEIGHT = 16;
    /** Below the index band and away from the square: where a reader samples the background. */
    static final int BACKGROUND_X = 5;
    static final int BACKGROUND_Y = 40;

    private final String url;
    private final AtomicInteger framesSent = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile boolean running = true;
    private final Thread thread;

    private SyntheticVideoPublisher(String url) {
        this.url = url;
        this.thread = new Thread(this::run, "synthetic-publisher");
        this.thread.setDaemon(true);
    }

    /** Starts publishing and returns once the stream is recording (the muxer's header is written). */
    static SyntheticVideoPublisher start(String url) throws InterruptedException {
        var publisher = new SyntheticVideoPublisher(url);
        publisher.thread.start();
        if (!publisher.started.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("publisher did not start");
        }
        if (publisher.failure.get() != null) {
            throw new IllegalStateException("publisher failed to start", publisher.failure.get());
        }
        return publisher;
    }

    int framesSent() {
        return framesSent.get();
    }

    Throwable failure() {
        return failure.get();
    }

    private void run() {
        var recorder = new FFmpegFrameRecorder(url, WIDTH, HEIGHT, 0);
        try {
            recorder.setFormat("rtsp");
            recorder.setOption("rtsp_transport", "tcp");
            recorder.setVideoCodecName("libx264");
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setGopSize(GOP);
            recorder.setMaxBFrames(0);
            recorder.setVideoOption("preset", "ultrafast");
            recorder.setVideoOption("tune", "zerolatency");
            // Keyframes exactly every GOP frames, never at a scene cut: tests check where a joining reader starts.
            recorder.setVideoOption("x264-params", "scenecut=0");
            recorder.start();
            started.countDown();
            var frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
            long startNanos = System.nanoTime();
            for (int i = 0; running; i++) {
                draw(frame, i);
                recorder.record(frame, AV_PIX_FMT_BGR24);
                framesSent.incrementAndGet();
                long due = startNanos + (i + 1) * 1_000_000_000L / FPS;
                long sleep = due - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
            recorder.stop();
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            started.countDown();
            try {
                recorder.release();
            } catch (Exception ignored) {
                // Test teardown.
            }
        }
    }

    private static void draw(Frame frame, int index) {
        var pixels = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        int squareX = (index * 4) % (WIDTH - SQUARE);
        int squareY = (HEIGHT - SQUARE) / 2 + BAND_HEIGHT;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int at = y * stride + x * 3;
                for (int c = 0; c < 3; c++) {
                    pixels.put(at + c, (byte) colour(index, x, y, squareX, squareY, c));
                }
            }
        }
    }

    private static int colour(int index, int x, int y, int squareX, int squareY, int channel) {
        if (y < BAND_HEIGHT) {
            int bit = INDEX_BITS - 1 - x / CELL_WIDTH;
            return ((index >> bit) & 1) == 1 ? 255 : 0;
        }
        boolean inSquare = x >= squareX && x < squareX + SQUARE && y >= squareY && y < squareY + SQUARE;
        return inSquare ? 255 : BACKGROUND[channel];
    }

    /** The index a decoded BGR frame carries in its top band. */
    static int frameIndex(Frame frame) {
        var pixels = (ByteBuffer) frame.image[0];
        int index = 0;
        for (int bit = 0; bit < INDEX_BITS; bit++) {
            int x = bit * CELL_WIDTH + CELL_WIDTH / 2;
            int at = (BAND_HEIGHT / 2) * frame.imageStride + x * 3;
            int grey = ((pixels.get(at) & 0xFF) + (pixels.get(at + 1) & 0xFF) + (pixels.get(at + 2) & 0xFF)) / 3;
            index = (index << 1) | (grey > 127 ? 1 : 0);
        }
        return index;
    }

    /** The BGR value of a decoded frame at a pixel. */
    static int[] bgrAt(Frame frame, int x, int y) {
        var pixels = (ByteBuffer) frame.image[0];
        int at = y * frame.imageStride + x * 3;
        return new int[] {pixels.get(at) & 0xFF, pixels.get(at + 1) & 0xFF, pixels.get(at + 2) & 0xFF};
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
