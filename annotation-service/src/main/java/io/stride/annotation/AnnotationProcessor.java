package io.stride.annotation;

import io.stride.annotation.analytics.LiveAnalytics;
import io.stride.annotation.analytics.TaskAnalytics;
import io.stride.annotation.draw.ResultPainter;
import io.stride.annotation.live.LiveOutputs;
import io.stride.annotation.output.ResultWriters;
import io.stride.annotation.output.StalePartialFiles;
import io.stride.annotation.output.TaskOutput;
import io.stride.annotation.output.TaskResultsWriter;
import io.stride.annotation.preview.AnnotatedFrameListener;
import io.stride.core.frame.StageOptions;
import io.stride.core.topic.StageId;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.TrackedObject;
import io.stride.core.image.JpegCodec;
import io.stride.core.stage.StageProcessor;
import io.stride.core.stage.WarmUpFrames;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * The annotation stage: each task's frames are drawn and appended to the task's MP4 and JSON Lines, opened
 * on its first frame; at end-of-stream both files are completed, moved into place and the task is announced
 * {@code COMPLETED}. Nothing is forwarded.
 *
 * <p>Delivery is at least once, so a frame whose index is not above the last one written is a redelivery and
 * is skipped. A task is complete only when every frame was written: a hole (a lost frame) fails it at
 * end-of-stream, since the MP4 would no longer match the input frame for frame.
 *
 * <p>The video is written in closed segments, each recorded as the task's durable point ({@code ResumePoint}).
 * A task met mid-stream (its first frame here is {@code k > 0}: this instance restarted, or took the task over
 * from another one) goes on from that point, frame {@code D}: the closed segments are kept, frames
 * {@code D..k-1} (at most about one segment's worth, young enough to be on the topic however long the task) are
 * read back from the input topic ({@link EarlierFrames}) and drawn again, then the task goes on with {@code k};
 * frames below {@code D} are redeliveries. Without a usable point it is rebuilt from frame 0. The frames read
 * back go to the MP4 only; the live stream starts with frame {@code k}, on a keyframe, since for a viewer
 * those frames are past. An instance whose files were taken over that way by a new owner notices it on its
 * next frame of the task (it got the task back) and resumes in turn; it never moves or deletes the new
 * owner's files.
 *
 * <p>A live task (a camera: its frames say so) is written as a rolling recording instead
 * ({@code RollingRecording}): standalone MP4 segments of a set duration, each with its JSON Lines, the oldest
 * deleted beyond a size or age; it resumes the same way, from its last closed segment, and nothing is joined.
 *
 * <p>A task failed by an upstream stage never reaches its end-of-stream here, and this stage's runner never
 * ends it: a task that has had no frame for {@code abandonAfter} is closed and its partial files deleted.
 * Partial files no instance holds (a stopped instance's task that was not resumed) go the same way.
 */
public class AnnotationProcessor implements StageProcessor, AutoCloseable {

    /** The source named in this stage's task events. */
    static final String STAGE = StageId.ANNOTATION.id();

    private static final Logger log = LoggerFactory.getLogger(AnnotationProcessor.class);
    /** How often the results directory is searched for abandoned partial files; a listing costs little. */
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    /** Enough for the encoder's look-ahead to emit packets, so the muxer runs too. */
    private static final int WARM_UP_FRAMES = 30;
    private static final BoundingBox WARM_UP_BOX = new BoundingBox(320, 180, 480, 540);

    private final ResultWriters writers;
    private final ResultPainter painter;
    private final TaskEventPublisher events;
    private final EarlierFrames earlierFrames;
    private final LiveOutputs live;
    private final LiveAnalytics analytics;
    private final Duration abandonAfter;
    private final Clock clock;
    private final StalePartialFiles stalePartialFiles;
    /** Tasks are spread over consumer threads, each task on one thread at a time. */
    private final Map<String, OpenTask> openTasks = new ConcurrentHashMap<>();
    private final Set<String> replayedCompletedTasks = ConcurrentHashMap.newKeySet();
    private volatile AnnotatedFrameListener frameListener = AnnotatedFrameListener.NONE;
    private volatile Instant nextSweepAt = Instant.MIN;

    /**
     * @param earlierFrames where a task met mid-stream is read back from
     * @param live          where each task's encoded video also goes, as it is produced (the RTSP restream)
     * @param abandonAfter  how long a task may go without a frame before it is given up
     * @param clock         measures that idle time
     */
    public AnnotationProcessor(ResultWriters writers, ResultPainter painter, TaskEventPublisher events,
                               EarlierFrames earlierFrames, LiveOutputs live, Duration abandonAfter, Clock clock) {
        this(writers, painter, events, earlierFrames, live, LiveAnalytics.NONE, abandonAfter, clock);
    }

    /** @param analytics counts, draws and publishes what happens on the lines and zones of tasks that have some */
    public AnnotationProcessor(ResultWriters writers, ResultPainter painter, TaskEventPublisher events,
                               EarlierFrames earlierFrames, LiveOutputs live, LiveAnalytics analytics,
                               Duration abandonAfter, Clock clock) {
        this.writers = writers;
        this.painter = painter;
        this.events = events;
        this.earlierFrames = earlierFrames;
        this.live = live;
        this.analytics = analytics;
        this.abandonAfter = abandonAfter;
        this.clock = clock;
        this.stalePartialFiles = new StalePartialFiles(writers.files().directory(), abandonAfter);
    }

    /** Shows every frame, once drawn and written, to the listener (the live preview); set it before frames flow. */
    public void setAnnotatedFrameListener(AnnotatedFrameListener listener) {
        this.frameListener = listener;
    }

    /** Returns the records acted on: new frames and end-of-stream, not redeliveries. */
    @Override
    public List<FrameRecord> process(List<FrameRecord> records) throws IOException {
        abandonIdleTasks();
        if (!clock.instant().isBefore(nextSweepAt)) {
            sweepStalePartialFiles();
        }
        List<FrameRecord> processed = new ArrayList<>(records.size());
        for (FrameRecord record : records) {
            boolean acted = record.isEndOfStream() ? complete(record) : write(record);
            if (acted) {
                processed.add(record);
            }
        }
        if (!records.isEmpty()) {
            flush(records.get(records.size() - 1).taskId());
        }
        return processed;
    }

    /**
     * Draws and writes a few synthetic frames through a task's whole path, into a temporary directory: the
     * encoder, muxer, segment joiner and painter load their native libraries and run once before a task waits on
     * them. The live stream is left out: a publication would be visible to players.
     */
    @Override
    public void warmUp() throws IOException {
        Path directory = Files.createTempDirectory("stride-annotation-warm-up");
        try (TaskResultsWriter writer = writers.in(directory).open(WarmUpFrames.TASK_ID, WarmUpFrames.WIDTH,
                WarmUpFrames.HEIGHT, WarmUpFrames.FPS)) {
            for (FrameRecord frame : WarmUpFrames.of(WARM_UP_FRAMES)) {
                FrameRecord tracked = frame.withTracks(List.of(new TrackedObject(1, WARM_UP_BOX, 0.9f, 0)));
                try (Mat image = JpegCodec.decode(tracked.jpeg())) {
                    painter.paint(image, tracked);
                    writer.write(tracked, image);
                }
            }
            writer.finish();
        } finally {
            FileSystemUtils.deleteRecursively(directory);
        }
    }

    /** Closes a task that failed (or one already finished, which is a no-op) and deletes its partial files. */
    @Override
    public void taskEnded(String taskId) {
        replayedCompletedTasks.remove(taskId);
        OpenTask task = openTasks.remove(taskId);
        if (task != null) {
            abort(taskId, task);
        }
    }

    /** Gives up the tasks that have had no frame for {@code abandonAfter}, deleting their partial files. */
    void abandonIdleTasks() {
        Instant cutoff = clock.instant().minus(abandonAfter);
        openTasks.forEach((taskId, task) -> {
            if (task.lastWriteAt.isBefore(cutoff) && openTasks.remove(taskId, task)) {
                log.warn("Task {}: no frame since {}, giving it up (failed upstream?)", taskId, task.lastWriteAt);
                abort(taskId, task);
            }
        });
    }

    /**
     * Deletes the partial files that no writer has touched for {@code abandonAfter}, except this instance's
     * own: those of a killed instance whose tasks nobody resumed. Runs at start-up and about every minute.
     */
    public void sweepStalePartialFiles() {
        Instant now = clock.instant();
        nextSweepAt = now.plus(SWEEP_INTERVAL);
        try {
            stalePartialFiles.sweep(now, Set.copyOf(openTasks.keySet()));
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot clean up stale partial results in {}: {}", writers.files().directory(), e.toString());
        }
    }

    /**
     * On shutdown, half-written tasks are left for the next instance to resume from their last closed segment;
     * those without one have nothing to resume from, and their partial files go.
     */
    @Override
    public void close() {
        replayedCompletedTasks.clear();
        openTasks.forEach((taskId, task) -> {
            if (openTasks.remove(taskId, task)) {
                suspend(taskId, task);
            }
        });
    }

    private boolean write(FrameRecord frame) throws IOException {
        String taskId = frame.taskId();
        if (replayedCompletedTasks.contains(taskId)) {
            return false;
        }
        OpenTask task = heldTask(taskId);
        if (task == null) {
            if (frame.frameIndex() > 0 && writers.inPlace(taskId)) {
                // A restart between moving the results into place and committing the input replays the
                // task's last frames; the results stand, so only the COMPLETED event is repeated.
                log.info("Task {}: results already complete, skipping the replayed frames from {}",
                        taskId, frame.frameIndex());
                replayedCompletedTasks.add(taskId);
                return false;
            }
            task = open(taskId, frame.width(), frame.height(), frame.fps(), frame.options(), frame.frameIndex());
        }
        if (frame.frameIndex() <= task.lastFrameIndex) {
            log.debug("Task {}: frame {} redelivered, already written", taskId, frame.frameIndex());
            return false;
        }
        draw(task, frame, frameListener);
        return true;
    }

    private boolean complete(FrameRecord end) throws IOException {
        String taskId = end.taskId();
        OpenTask task = heldTask(taskId);
        if (task == null && (replayedCompletedTasks.remove(taskId) || writers.inPlace(taskId))) {
            announceCompleted(taskId, end.frameCount());
            return true;
        }
        if (task == null) {
            // Every frame was written by an instance that stopped before the end-of-stream: resume and catch up.
            task = open(taskId, end.width(), end.height(), end.fps(), end.options(), end.frameCount());
        }
        long written = task.writer.framesWritten();
        if (written != end.frameCount()) {
            // The partial files stay until taskEnded, which the runner calls after failing the task.
            throw new IllegalStateException("wrote " + written + " of " + end.frameCount() + " frames");
        }
        synchronized (task) {
            task.writer.finish();
            task.analytics.finished();
        }
        openTasks.remove(taskId);
        log.info("Task {}: {} frames written to {}", taskId, written, writers.files().video(taskId));
        announceCompleted(taskId, end.frameCount());
        return true;
    }

    /**
     * The results are in place: their completion must reach the backend however long the broker is away, or a
     * finished task would wait for the stall watchdog to notice its files.
     */
    private void announceCompleted(String taskId, long frames) {
        events.publishUntilAcknowledged(TaskEvent.completed(taskId, STAGE, frames));
    }

    /** The task's open writer, unless another instance has taken the task over and replaced its files. */
    private OpenTask heldTask(String taskId) throws IOException {
        OpenTask task = openTasks.get(taskId);
        if (task == null || task.writer.ownsFiles()) {
            return task;
        }
        if (task.writer.filesRemoved()) {
            // Not taken over but cancelled: rebuilding would read back topics that are being deleted.
            throw new IllegalStateException("its partial files were removed: the task was cancelled or deleted");
        }
        log.warn("Task {}: another instance took the task over meanwhile and replaced its files; "
                + "resuming here from its last durable point", taskId);
        openTasks.remove(taskId, task);
        synchronized (task) {
            task.writer.close();
        }
        return null;
    }

    /**
     * Takes the task's files over, from its resume point when it has one. Met mid-stream, the frames from there
     * to {@code firstFrame-1} are read back from the input topic and drawn first; a failure to read them back
     * fails the task (the runner's taskEnded deletes the files).
     */
    private OpenTask open(String taskId, int width, int height, double fps, StageOptions options, long firstFrame)
            throws IOException {
        TaskOutput writer = writers.open(taskId, width, height, fps, options.live());
        OpenTask task = new OpenTask(writer, clock.instant());
        openTasks.put(taskId, task);
        long durable = writer.framesWritten();
        task.analytics = analytics.open(taskId, options.analysis(), durable);
        task.lastFrameIndex = durable - 1;
        if (durable > 0) {
            log.info("Task {}: resuming after the {} frames of its closed segments", taskId, durable);
        }
        if (firstFrame > durable) {
            catchUp(taskId, task, durable, firstFrame);
        }
        writer.streamTo(live.open(taskId, writer.streamFormat(), options.live()));
        log.info("Task {}: writing {}x{} at {} fps", taskId, width, height, String.format("%.3f", fps));
        return task;
    }

    /** Draws the frames {@code fromFrame..untilFrame-1} again, read back from the input topic. */
    private void catchUp(String taskId, OpenTask task, long fromFrame, long untilFrame) throws IOException {
        log.warn("Task {}: first frame here is {}; reading frames {}-{} back from the input topic",
                taskId, untilFrame, fromFrame, untilFrame - 1);
        long started = System.nanoTime();
        try {
            earlierFrames.replay(taskId, fromFrame, untilFrame, frame -> {
                try {
                    // Not shown in the preview: a viewer would see the task's past race by.
                    draw(task, frame, AnnotatedFrameListener.NONE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (task.writer.framesWritten() != untilFrame) {
            throw new IllegalStateException("rebuilt " + task.writer.framesWritten() + " of " + untilFrame + " frames");
        }
        log.info("Task {}: frames {}-{} drawn again in {} ms", taskId, fromFrame, untilFrame - 1,
                (System.nanoTime() - started) / 1_000_000);
    }

    private void draw(OpenTask task, FrameRecord frame, AnnotatedFrameListener listener) throws IOException {
        try (Mat image = JpegCodec.decode(frame.jpeg())) {
            painter.paint(image, frame);
            synchronized (task) {
                long point = task.writer.pointRecordedBy(frame);
                boolean pointBefore = point == task.writer.framesWritten();
                if (pointBefore) {
                    // The write records a point that ends before this frame: keep the analytics as they are now.
                    task.analytics.durable(point);
                }
                task.analytics.frame(frame, image);
                if (point > task.writer.framesWritten()) {
                    // A restart resumes after the point: its frames' events must be out before it is recorded.
                    task.analytics.pointComing();
                }
                long durable = task.writer.framesDurable();
                task.writer.write(frame, image);
                if (!pointBefore && task.writer.framesDurable() != durable) {
                    task.analytics.durable(task.writer.framesDurable());
                }
            }
            listener.frameAnnotated(frame, image);
        }
        task.lastFrameIndex = frame.frameIndex();
        task.lastWriteAt = clock.instant();
    }

    private void flush(String taskId) throws IOException {
        OpenTask task = openTasks.get(taskId);
        if (task != null) {
            synchronized (task) {
                task.writer.flush();
            }
        }
    }

    private static void abort(String taskId, OpenTask task) {
        // With several consumer threads, another one may be giving up this task while its own thread writes.
        try {
            synchronized (task) {
                boolean takenOver = takenOver(task.writer);
                task.writer.abort();
                if (!takenOver) {
                    task.analytics.discarded();
                }
            }
            log.info("Task {}: partial results deleted", taskId);
        } catch (IOException | RuntimeException e) {
            log.warn("Task {}: could not delete the partial results: {}", taskId, e.toString());
        }
    }

    /**
     * Whether another instance holds the task's files now; when that cannot be told, no: deleting its analytics
     * state costs it only a recomputation from the JSON Lines.
     */
    private static boolean takenOver(TaskOutput writer) {
        try {
            return !writer.ownsFiles() && !writer.filesRemoved();
        } catch (IOException e) {
            return false;
        }
    }

    private static void suspend(String taskId, OpenTask task) {
        try {
            boolean resumable;
            synchronized (task) {
                resumable = task.writer.suspend();
            }
            log.info(resumable ? "Task {}: stopped; its closed segments stay for the next instance to resume from"
                    : "Task {}: stopped before its first segment was closed; partial results deleted", taskId);
        } catch (IOException | RuntimeException e) {
            log.warn("Task {}: could not stop writing cleanly: {}", taskId, e.toString());
        }
    }

    private static final class OpenTask {
        final TaskOutput writer;
        /** Written by whichever consumer thread holds the task now, which may change on a rebalance. */
        volatile long lastFrameIndex = -1;
        volatile Instant lastWriteAt;
        /** Set once on open, before any frame, by the thread that opens the task. */
        volatile TaskAnalytics analytics = TaskAnalytics.NONE;

        OpenTask(TaskOutput writer, Instant openedAt) {
            this.writer = writer;
            this.lastWriteAt = openedAt;
        }
    }
}
