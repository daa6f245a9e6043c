package io.stride.backend.camera;

import io.stride.backend.BackendProperties;
import io.stride.backend.analytics.AnalysisRequestParser;
import io.stride.backend.analytics.InvalidAnalysisRequest;
import io.stride.backend.decode.BgrPictures;
import io.stride.backend.decode.RawFramesPublisher;
import io.stride.backend.lifecycle.TaskFailure;
import io.stride.backend.task.CameraCounters;
import io.stride.backend.task.TaskRegistry;
import io.stride.core.analytics.AnalysisRequest;
import io.stride.core.frame.FrameRecord;
import io.stride.core.image.JpegCodec;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one camera task's source and publishes its pictures to the task's {@code raw_frames} topic, on a thread of
 * its own, until a user stops it, the source is refused for good, or the backend shuts down (the next process then
 * takes over). The source is opened with FFmpeg over TCP with a read timeout, so a stalled source errs instead of
 * blocking; a source that drops, refuses or stalls is reconnected with back-off, and meanwhile a "source unavailable"
 * placeholder is published at a low rate. The ingest never waits for the pipeline: a picture that would put the
 * pipeline further behind than the allowed lag is dropped ({@link FrameDropper}).
 *
 * <p>The ingest is the only writer of its counters; others read {@link #snapshot()}.
 */
final class CameraIngest implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CameraIngest.class);
    /** Frames between two local notes of how far publishing got (what the stall watchdog compares YOLOX with). */
    private static final int PUBLISHED_REPORT_INTERVAL = 30;
    /** Frame rates beyond this are a stream's time base, not its rate. */
    private static final double MAX_PLAUSIBLE_FPS = 240;
    private static final double MILLIS_PER_SECOND = 1000.0;
    private static final double MICROS_PER_SECOND = 1e6;

    /** The settings and collaborators every ingest shares. */
    record Shared(CameraProperties camera, BackendProperties backend, TaskRegistry registry,
                  TaskEventPublisher events, TaskFailure failure, Clock clock, Executor connections) {
    }

    private final Shared shared;
    private final String taskId;
    private final SourceUrl url;
    private final AnalysisRequest analysis;
    private final RawFramesPublisher publisher;
    private final CameraTimeline timeline;
    private final long taskStartMillis;
    private final Backoff backoff;
    private final FrameDropper dropper;
    private final PipelineLag lag = new PipelineLag();
    private final RateMeter input = new RateMeter();
    private final RateMeter output = new RateMeter();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile boolean shuttingDown;

    private volatile IngestState state = IngestState.CONNECTING;
    private volatile long published;
    private volatile long dropped;
    private volatile long reconnects;
    /** The pipeline's lag at the latest picture ({@link PipelineLag}), in µs. */
    private volatile long lastLagMicros;
    /** Epoch milliseconds of the last picture from the source; 0 before the first. */
    private volatile long lastFrameAt;
    private long attempts;
    /** Whether the source delivered a picture to this task, in this process or (frames on the topic) an earlier one. */
    private boolean everDelivered;
    private int width;
    private int height;
    private double fps;
    private byte[] placeholder;

    /**
     * @param analysis   the task's lines and zones, checked against the source's picture size once it is known
     * @param firstIndex the index of the first frame to publish: those before it are on the topic already
     */
    CameraIngest(Shared shared, RawFramesPublisher publisher, String taskId, SourceUrl url, AnalysisRequest analysis,
                 long taskStartMillis, long firstIndex) {
        this.shared = shared;
        this.taskId = taskId;
        this.url = url;
        this.analysis = analysis;
        this.publisher = publisher;
        this.taskStartMillis = taskStartMillis;
        this.timeline = new CameraTimeline(taskStartMillis);
        this.backoff = shared.camera().backoff();
        this.dropper = new FrameDropper(shared.camera().dropPolicy(), shared.camera().dropEvery());
        this.published = firstIndex;
        this.everDelivered = firstIndex > 0;
        this.fps = shared.camera().defaultFps();
    }

    /** Asks the ingest to stop and end the task's stream; it does within the read timeout at most. */
    void stop() {
        stopRequested.countDown();
    }

    /** Asks the ingest to leave off without ending the task: the next backend process takes it over. */
    void shutDown() {
        shuttingDown = true;
        stopRequested.countDown();
    }

    IngestState state() {
        return state;
    }

    CameraCounters snapshot() {
        long now = shared.clock().millis();
        long last = lastFrameAt;
        return new CameraCounters(input.perSecond(now), output.perSecond(now), dropped, reconnects,
                last == 0 ? -1 : Math.max(0, now - last) / MILLIS_PER_SECOND,
                // A lag is the pipeline's at a picture: none while the source is away.
                state == IngestState.LIVE ? lastLagMicros / MICROS_PER_SECOND : 0);
    }

    /** Frames the task's pipeline was given since the task started, placeholders included (across restarts). */
    long framesPublished() {
        return published;
    }

    /** What the ingest did in all, once it ended: no rates, no picture pending. */
    CameraCounters totals() {
        return new CameraCounters(0, 0, dropped, reconnects, -1, 0);
    }

    @Override
    public void run() {
        try {
            if (published > 0) {
                shared.registry().apply(TaskEvent.progress(taskId, TaskRegistry.DECODER, published));
            }
            if (!readUntilStopped()) {
                return; // failed for good
            }
            if (shuttingDown) {
                leftForTheNextProcess();
            } else {
                end();
            }
        } catch (InterruptedException e) {
            leftForTheNextProcess();
        } catch (ExecutionException | RuntimeException e) {
            if (shuttingDown) {
                leftForTheNextProcess();
            } else {
                fail("publishing failed: " + url.maskIn(String.valueOf(e.getMessage())));
            }
        }
    }

    /**
     * Connects, reads, and reconnects with back-off until a stop is asked.
     *
     * @return false when the task failed: the source refused for good, or never delivered by the deadline
     */
    private boolean readUntilStopped() throws ExecutionException, InterruptedException {
        while (!isStopRequested()) {
            if (!connectAndRead()) {
                return false;
            }
            if (isStopRequested()) {
                break;
            }
            if (!everDelivered && shared.clock().millis() - taskStartMillis
                    >= shared.camera().connectDeadline().toMillis()) {
                fail("the source delivered no picture within " + shared.camera().connectDeadline().toSeconds()
                        + " s of the task's start");
                return false;
            }
            waitBeforeReconnecting(backoff.next());
        }
        return true;
    }

    private void leftForTheNextProcess() {
        log.info("Task {}: camera ingest stopped by the shutdown; the next start reconnects", taskId);
    }

    /**
     * One connection: opens the source and publishes its pictures until it ends, errs or stalls, or a stop is asked.
     *
     * @return false when the source is refused for good and the task has failed
     */
    private boolean connectAndRead() throws ExecutionException, InterruptedException {
        attempts++;
        log.info("Task {}: connecting to {} (attempt {})", taskId, url.masked(), attempts);
        timeline.connected(shared.clock().millis());
        try (FFmpegFrameGrabber grabber = openShowingPlaceholders(); var pictures = new BgrPictures()) {
            boolean connectionDelivered = false;
            Frame frame;
            while (!isStopRequested() && (frame = grabber.grabImage()) != null) {
                if (!connectionDelivered) {
                    connectionDelivered = true;
                    if (!firstPictureOfConnection(grabber, (AVFrame) frame.opaque)) {
                        return false;
                    }
                }
                onPicture(frame, pictures);
            }
            if (!isStopRequested()) {
                log.warn("Task {}: the source {} ended; reconnecting", taskId, url.masked());
            }
        } catch (FrameGrabber.Exception e) {
            String reason = url.maskIn(String.valueOf(e.getMessage()));
            if (SourceRefusal.isPermanent(reason, everDelivered)) {
                fail("the source refused the connection for good: " + SourceRefusal.describe(reason));
                return false;
            }
            log.warn("Task {}: the source {} dropped, refused or stalled ({}); reconnecting", taskId, url.masked(),
                    reason);
        }
        if (everDelivered && !isStopRequested()) {
            state = IngestState.RECONNECTING;
        }
        return true;
    }

    /**
     * Opens the source on a thread of {@link Shared#connections()}, publishing the placeholder meanwhile: an attempt
     * may block up to {@code stall-timeout}, and the stream must not stand still that long.
     */
    private FFmpegFrameGrabber openShowingPlaceholders() throws FrameGrabber.Exception, ExecutionException,
            InterruptedException {
        if (placeholder == null) {
            return open(); // the source has not given its size yet: nothing to show
        }
        var opening = new FutureTask<>(this::open);
        shared.connections().execute(opening);
        while (true) {
            try {
                return opening.get(placeholderIntervalMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!isStopRequested()) {
                    publishPlaceholder(shared.clock().millis());
                }
            } catch (ExecutionException e) {
                throw openingFailure(e.getCause());
            }
        }
    }

    private static FrameGrabber.Exception openingFailure(Throwable cause) {
        if (cause instanceof FrameGrabber.Exception refused) {
            return refused;
        }
        if (cause instanceof RuntimeException unexpected) {
            throw unexpected;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(cause);
    }

    private FFmpegFrameGrabber open() throws FrameGrabber.Exception {
        var grabber = new FFmpegFrameGrabber(url.real());
        String timeoutMicros = String.valueOf(TimeUnit.MILLISECONDS.toMicros(
                shared.camera().stallTimeout().toMillis()));
        grabber.setOption("rtsp_transport", "tcp");
        grabber.setOption("timeout", timeoutMicros);
        grabber.setOption("rw_timeout", timeoutMicros);
        grabber.setVideoOption("max_pixels", String.valueOf(shared.backend().maxDecodedPixels()));
        grabber.setImageMode(FrameGrabber.ImageMode.RAW); // the decoded picture itself, for BgrPictures
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            grabber.close();
            throw e;
        }
        return grabber;
    }

    /** @return false when the task failed: its lines or zones do not fit the source's pictures */
    private boolean firstPictureOfConnection(FFmpegFrameGrabber grabber, AVFrame picture) {
        if (width == 0) {
            // The first connection's size and rate stay the task's: the restream and recordings keep one size.
            try {
                AnalysisRequestParser.requireInside(analysis, picture.width(), picture.height());
            } catch (InvalidAnalysisRequest e) {
                fail("options." + e.getMessage() + " of the source");
                return false;
            }
            width = picture.width();
            height = picture.height();
            double declared = grabber.getFrameRate();
            fps = declared > 0 && declared <= MAX_PLAUSIBLE_FPS ? declared : shared.camera().defaultFps();
            placeholder = Placeholder.jpeg(width, height, shared.backend().jpegQuality());
            log.info("Task {}: the source {} is live, {}x{} at {} fps", taskId, url.masked(), width, height, fps);
        } else {
            reconnects++;
            log.info("Task {}: the source {} is live again after {} reconnects", taskId, url.masked(), reconnects);
        }
        backoff.reset();
        everDelivered = true;
        state = IngestState.LIVE;
        return true;
    }

    private void onPicture(Frame frame, BgrPictures pictures) throws ExecutionException, InterruptedException {
        long now = shared.clock().millis();
        lastFrameAt = now;
        input.record(now);
        long pts = timeline.framePts(frame.timestamp);
        long lagMicros = lagMicros(pts);
        lastLagMicros = lagMicros;
        if (dropper.drop(lagMicros, shared.camera().maxLagMicros())) {
            dropped++;
            return;
        }
        Mat bgr = pictures.convert((AVFrame) frame.opaque, width, height);
        publish(FrameRecord.frame(taskId, published, pts, fps, width, height,
                JpegCodec.encode(bgr, shared.backend().jpegQuality())), now);
    }

    /** Publishes placeholders at their rate until {@code wait} is over or a stop is asked. */
    private void waitBeforeReconnecting(Duration wait) throws ExecutionException, InterruptedException {
        long until = shared.clock().millis() + wait.toMillis();
        long interval = placeholderIntervalMillis();
        long now = shared.clock().millis();
        while (now < until) {
            publishPlaceholder(now);
            if (stopRequested.await(Math.min(interval, until - now), TimeUnit.MILLISECONDS)) {
                return;
            }
            now = shared.clock().millis();
        }
    }

    private long placeholderIntervalMillis() {
        return Math.round(MILLIS_PER_SECOND / shared.camera().placeholderFps());
    }

    /** Publishes the placeholder, timed by the wall clock, unless the source has not given its size yet. */
    private void publishPlaceholder(long now) throws ExecutionException, InterruptedException {
        long pts = timeline.placeholderPts(now);
        if (placeholder != null && lagMicros(pts) < shared.camera().maxLagMicros()) {
            publish(FrameRecord.frame(taskId, published, pts, fps, width, height, placeholder), now);
        }
    }

    private void publish(FrameRecord record, long now) throws ExecutionException, InterruptedException {
        publisher.publish(record);
        lag.published(published, record.ptsMicros());
        published++;
        output.record(now);
        if (published % PUBLISHED_REPORT_INTERVAL == 0) {
            shared.registry().apply(TaskEvent.progress(taskId, TaskRegistry.DECODER, published));
        }
    }

    /** The pipeline's lag at a picture of time {@code pts}, in the source's time ({@link PipelineLag}), in µs. */
    private long lagMicros(long pts) {
        return lag.lagMicros(pts, shared.registry().framesAnnotated(taskId));
    }

    /** Ends the task's stream as an upload's ends: the end-of-stream record, then the DECODED event. */
    private void end() throws ExecutionException, InterruptedException {
        state = IngestState.STOPPED;
        if (published == 0) {
            shared.events().publishAndWait(TaskEvent.cancelled(taskId, "stopped by a user before the source "
                    + "delivered a picture"));
            log.info("Task {}: stopped before the source delivered a picture", taskId);
            return;
        }
        publisher.end(published, fps, width, height);
        shared.events().publishAndWait(TaskEvent.decoded(taskId, published));
        log.info("Task {}: camera stopped after {} frames ({} dropped, {} reconnects)", taskId, published, dropped,
                reconnects);
    }

    private void fail(String reason) {
        shared.failure().fail(taskId, reason);
    }

    private boolean isStopRequested() {
        return stopRequested.getCount() == 0;
    }

}
