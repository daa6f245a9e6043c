package io.stride.annotation;

import io.stride.annotation.draw.ResultPainter;
import io.stride.annotation.live.LiveOutputs;
import io.stride.annotation.output.H264Settings;
import io.stride.annotation.output.TaskResultsWriter;
import io.stride.annotation.preview.AnnotatedFrameListener;
import io.stride.core.frame.FrameRecord;
import io.stride.core.image.JpegCodec;
import io.stride.core.result.ResultFiles;
import io.stride.core.stage.StageProcessor;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import java.io.IOException;
import java.nio.file.Files;
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

/**
 * The annotation stage: each task's frames are drawn and appended to the task's MP4 and JSON Lines, opened
 * on its first frame; at end-of-stream both files are completed, moved into place and the task is announced
 * {@code COMPLETED}. Nothing is forwarded.
 *
 * <p>Delivery is at least once, so a frame whose index is not above the last one written is a redelivery and
 * is skipped. A task is complete only when every frame was written: a hole (a lost frame) fails it at
 * end-of-stream, since the MP4 would no longer match the input frame for frame.
 *
 * <p>A task failed by an upstream stage never reaches its end-of-stream here, and this stage's runner never
 * ends it: a task that has had no frame for {@code abandonAfter} is closed and its partial files deleted.
 */
public class AnnotationProcessor implements StageProcessor, AutoCloseable {

    /** The source named in this stage's task events. */
    static final String STAGE = "annotation";

    private static final Logger log = LoggerFactory.getLogger(AnnotationProcessor.class);

    private final ResultFiles files;
    private final ResultPainter painter;
    private final H264Settings encoder;
    private final LiveOutputs live;
    private final TaskEventPublisher events;
    private final Duration abandonAfter;
    private final Clock clock;
    /** Tasks are spread over consumer threads, each task on one thread at a time. */
    private final Map<String, OpenTask> openTasks = new ConcurrentHashMap<>();
    private final Set<String> replayedCompletedTasks = ConcurrentHashMap.newKeySet();
    private volatile AnnotatedFrameListener frameListener = AnnotatedFrameListener.NONE;

    /**
     * @param abandonAfter how long a task may go without a frame before it is given up
     * @param clock        measures that idle time
     */
    public AnnotationProcessor(ResultFiles files, ResultPainter painter, H264Settings encoder,
                               TaskEventPublisher events, Duration abandonAfter, Clock clock) {
        this(files, painter, encoder, events, abandonAfter, clock, LiveOutputs.NONE);
    }

    /** @param live where each task's encoded video also goes, as it is produced (the RTSP restream) */
    public AnnotationProcessor(ResultFiles files, ResultPainter painter, H264Settings encoder,
                               TaskEventPublisher events, Duration abandonAfter, Clock clock, LiveOutputs live) {
        this.live = live;
        this.files = files;
        this.painter = painter;
        this.encoder = encoder;
        this.events = events;
        this.abandonAfter = abandonAfter;
        this.clock = clock;
    }

    /** Shows every frame, once drawn and written, to the listener (the live preview); set it before frames flow. */
    public void setAnnotatedFrameListener(AnnotatedFrameListener listener) {
        this.frameListener = listener;
    }

    /** Returns the records acted on: new frames and end-of-stream, not redeliveries. */
    @Override
    public List<FrameRecord> process(List<FrameRecord> records) throws IOException {
        abandonIdleTasks();
        List<FrameRecord> processed = new ArrayList<>(records.size());
        for (FrameRecord record : records) {
            boolean acted = record.isEndOfStream() ? complete(record) : write(record);
            if (acted) {
                processed.add(record);
            }
        }
        return processed;
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

    /** On shutdown, half-written tasks cannot be resumed by the next instance: their partial files go. */
    @Override
    public void close() {
        openTasks.keySet().forEach(this::taskEnded);
    }

    private boolean write(FrameRecord frame) throws IOException {
        String taskId = frame.taskId();
        if (replayedCompletedTasks.contains(taskId)) {
            return false;
        }
        OpenTask task = openTasks.get(taskId);
        if (task == null) {
            if (frame.frameIndex() > 0 && resultsInPlace(taskId)) {
                // A restart between moving the results into place and committing the input replays the
                // task's last frames; the results stand, so only the COMPLETED event is repeated.
                log.info("Task {}: results already complete, skipping the replayed frames from {}",
                        taskId, frame.frameIndex());
                replayedCompletedTasks.add(taskId);
                return false;
            }
            if (frame.frameIndex() > 0) {
                log.warn("Task {}: first frame received is {}, earlier frames were lost; the task will fail",
                        taskId, frame.frameIndex());
            }
            TaskResultsWriter writer = TaskResultsWriter.open(files, taskId, frame.width(), frame.height(),
                    frame.fps(), encoder);
            writer.streamTo(live.open(taskId, writer.streamFormat()));
            task = new OpenTask(writer, clock.instant());
            openTasks.put(taskId, task);
            log.info("Task {}: writing {}x{} at {} fps", taskId, frame.width(), frame.height(),
                    String.format("%.3f", frame.fps()));
        }
        if (frame.frameIndex() <= task.lastFrameIndex) {
            log.debug("Task {}: frame {} redelivered, already written", taskId, frame.frameIndex());
            return false;
        }
        try (Mat image = JpegCodec.decode(frame.jpeg())) {
            painter.paint(image, frame);
            synchronized (task) {
                task.writer.write(frame, image);
            }
            frameListener.frameAnnotated(frame, image);
        }
        task.lastFrameIndex = frame.frameIndex();
        task.lastWriteAt = clock.instant();
        return true;
    }

    private boolean complete(FrameRecord end) throws IOException {
        String taskId = end.taskId();
        OpenTask task = openTasks.get(taskId);
        if (task == null && (replayedCompletedTasks.remove(taskId) || resultsInPlace(taskId))) {
            events.publishAndWait(TaskEvent.completed(taskId, STAGE, end.frameCount()));
            return true;
        }
        long written = task == null ? 0 : task.writer.framesWritten();
        if (task == null || written != end.frameCount()) {
            // The partial files stay until taskEnded, which the runner calls after failing the task.
            throw new IllegalStateException("wrote " + written + " of " + end.frameCount() + " frames");
        }
        synchronized (task) {
            task.writer.finish();
        }
        openTasks.remove(taskId);
        log.info("Task {}: {} frames written to {}", taskId, written, files.video(taskId));
        events.publishAndWait(TaskEvent.completed(taskId, STAGE, end.frameCount()));
        return true;
    }

    private boolean resultsInPlace(String taskId) {
        return Files.exists(files.video(taskId)) && Files.exists(files.annotations(taskId));
    }

    private static void abort(String taskId, OpenTask task) {
        // With several consumer threads, another one may be giving up this task while its own thread writes.
        try {
            synchronized (task) {
                task.writer.abort();
            }
            log.info("Task {}: partial results deleted", taskId);
        } catch (IOException | RuntimeException e) {
            log.warn("Task {}: could not delete the partial results: {}", taskId, e.toString());
        }
    }

    private static final class OpenTask {
        final TaskResultsWriter writer;
        /** Written by whichever consumer thread holds the task now, which may change on a rebalance. */
        volatile long lastFrameIndex = -1;
        volatile Instant lastWriteAt;

        OpenTask(TaskResultsWriter writer, Instant openedAt) {
            this.writer = writer;
            this.lastWriteAt = openedAt;
        }
    }
}
