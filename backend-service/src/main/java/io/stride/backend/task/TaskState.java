package io.stride.backend.task;

import io.stride.core.topic.StageId;
import io.stride.core.task.TaskEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What the backend knows of one task, folded from its events. */
final class TaskState {

    /** The stage whose progress is the task's progress: a frame counts once it is in the MP4. */
    static final String FINAL_STAGE = StageId.last().id();

    enum Phase { QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED }

    /** The stall reason of a task whose every frame was annotated and whose completion never arrived. */
    static final String UNREPORTED_RESULT = "every frame was annotated, but the annotation service reported no "
            + "result for ";

    private final String taskId;
    private final Map<String, Long> framesDoneBySource = new ConcurrentHashMap<>();
    /** When each source last finished more frames than before, on the backend's {@link Ticker}. */
    private final Map<String, Long> lastAdvanceBySource = new ConcurrentHashMap<>();
    private volatile Phase phase = Phase.QUEUED;
    private volatile String fileName = "";
    private volatile long expectedFrames = -1;
    private volatile long frameCount = -1;
    private volatile String error;
    /** What the decoder noticed about the input that the result does not show, e.g. that it was truncated. */
    private volatile String warning;
    private volatile long endedAt;
    private volatile long startedAt;
    /**
     * When this process learnt that the task left the queue (its STARTED event) or resumed its decoding, on the
     * backend's {@link Ticker}: after a restart, every running task's stall clock starts again.
     */
    private volatile long runningSince;
    /** Place of the task's QUEUED event among all applied, 0 if it never queued: the queue's FIFO order. */
    private volatile long queueOrder;
    /** The event that ended the task, to tell a replay of it from a later deletion. */
    private volatile TaskEvent endingEvent;
    private volatile boolean deleted;
    private volatile String options = "";
    /** Where a camera task reads its video; null for an upload's task. */
    private volatile CameraSource source;

    TaskState(String taskId) {
        this.taskId = taskId;
    }

    /**
     * The task as a store record kept it. Its stall clock starts at {@code receivedAt}, as for a task whose events
     * this process has just read.
     */
    static TaskState restore(TaskRecord record, long receivedAt) {
        TaskState state = new TaskState(record.taskId());
        state.phase = Phase.valueOf(record.phase().toUpperCase(java.util.Locale.ROOT));
        state.fileName = record.fileName();
        state.expectedFrames = record.expectedFrames();
        state.frameCount = record.frameCount();
        state.error = record.error();
        state.warning = record.warning();
        state.startedAt = record.startedAt();
        state.endedAt = record.endedAt();
        state.queueOrder = record.queueOrder();
        state.framesDoneBySource.putAll(record.framesDone());
        state.endingEvent = record.endingEvent();
        state.options = record.options();
        state.source = record.source();
        state.runningSince = receivedAt;
        return state;
    }

    /** What the task store keeps of this task, accounting for the events before {@code eventsOffset}. */
    synchronized TaskRecord record(long eventsOffset) {
        return new TaskRecord(taskId, phase.name().toLowerCase(java.util.Locale.ROOT), fileName, expectedFrames,
                frameCount, error, warning, startedAt, endedAt, queueOrder, framesDoneBySource, endingEvent,
                eventsOffset, options, source);
    }

    /**
     * Applies one event; applying the same event twice changes nothing, and nothing revives an ended task.
     *
     * @param order      the event's place among every event applied, which orders the queue
     * @param receivedAt when this process received it, on the backend's {@link Ticker}
     */
    synchronized void apply(TaskEvent event, long order, long receivedAt) {
        if (isEnded()) {
            // Only a user's DELETE publishes CANCELLED: for a task that has already ended, it removes the task.
            if (event.type() == TaskEvent.Type.CANCELLED && !event.equals(endingEvent)) {
                deleted = true;
            }
            return;
        }
        switch (event.type()) {
            case QUEUED -> {
                if (phase == Phase.QUEUED && queueOrder == 0) {
                    queueOrder = order;
                    accept(event);
                }
            }
            case STARTED -> {
                if (phase != Phase.RUNNING) {
                    phase = Phase.RUNNING;
                    accept(event);
                    runningSince = receivedAt;
                }
            }
            case DECODED -> {
                frameCount = event.frameCount();
                warning = event.message().isEmpty() ? null : event.message();
            }
            case PROGRESS -> {
                if (event.framesDone() > framesDone(event.source())) {
                    framesDoneBySource.put(event.source(), event.framesDone());
                    lastAdvanceBySource.put(event.source(), receivedAt);
                }
            }
            case COMPLETED -> {
                frameCount = event.frameCount();
                framesDoneBySource.put(FINAL_STAGE, event.frameCount());
                phase = Phase.COMPLETED;
                endedAt = event.timestamp();
                endingEvent = event;
            }
            case FAILED, CANCELLED -> {
                phase = event.type() == TaskEvent.Type.FAILED ? Phase.FAILED : Phase.CANCELLED;
                error = event.message();
                endedAt = event.timestamp();
                endingEvent = event;
            }
        }
    }

    /** What the upload told: the file name, the frame estimate and the options; the first such event's time. */
    private void accept(TaskEvent event) {
        fileName = event.message();
        expectedFrames = event.frameCount();
        options = event.options();
        if (startedAt == 0) {
            startedAt = event.timestamp();
        }
    }

    /** Applies an event that was not ordered by a registry (tests of a single task). */
    void apply(TaskEvent event, long receivedAt) {
        apply(event, 0, receivedAt);
    }

    /** This process took over the task's decoding: stall times count from now, not from before the restart. */
    synchronized void resumed(long now) {
        runningSince = now;
    }

    /**
     * Everything known of the task at this instant. Once it completed, every stage has handled every frame
     * (the MP4 holds them all), so each stage counts the whole video whatever its last progress event said.
     */
    synchronized TaskSnapshot snapshot(int queuePosition) {
        Map<String, Long> done = new LinkedHashMap<>();
        for (String source : TaskSnapshot.STAGES) {
            done.put(source, phase == Phase.COMPLETED ? frameCount : framesDone(source));
        }
        long total = frameCount > 0 ? frameCount : expectedFrames;
        return new TaskSnapshot(taskId, fileName, phase.name().toLowerCase(), progressPercent(), total,
                frameCount > 0, done, startedAt, endedAt, isEnded() && phase != Phase.COMPLETED ? error : null,
                warning, queuePosition, options);
    }

    /**
     * Why a running task cannot finish, if it cannot: the first stage that has frames waiting for it and has
     * finished none for {@code limitMillis}, or a decode that no process is doing any more (the backend was
     * killed while decoding). Empty while the task moves, or before it has run for {@code limitMillis}.
     *
     * @param now          the backend's {@link Ticker} now
     * @param countFrom    no stall is counted before this instant (the broker was away until then: no stage could
     *                     progress, nor could its progress reach the backend)
     * @param decodingHere whether this backend process is decoding the task
     */
    synchronized Optional<String> stallReason(long now, long countFrom, long limitMillis, boolean decodingHere) {
        long since = Math.max(runningSince, countFrom);
        if (phase != Phase.RUNNING || now - since < limitMillis) {
            return Optional.empty();
        }
        boolean decoded = frameCount >= 0;
        if (!decoded && !decodingHere) {
            return Optional.of("decoding stopped: the backend restarted while decoding this task; upload the video again");
        }
        long upstream = decoded ? frameCount : framesDone(TaskRegistry.DECODER);
        for (String stage : TaskSnapshot.STAGES) {
            long done = framesDone(stage);
            long idleMillis = idleMillis(stage, now, since);
            if (upstream > done && idleMillis >= limitMillis) {
                return Optional.of("no progress from " + stage + "-service for " + idleMillis / 1000 + " s");
            }
            upstream = done;
        }
        long sinceLastFrame = idleMillis(FINAL_STAGE, now, since);
        if (decoded && framesDone(FINAL_STAGE) >= frameCount && sinceLastFrame >= limitMillis) {
            return Optional.of(UNREPORTED_RESULT + sinceLastFrame / 1000 + " s");
        }
        return Optional.empty();
    }

    private long idleMillis(String stage, long now, long since) {
        return now - Math.max(lastAdvanceBySource.getOrDefault(stage, Long.MIN_VALUE), since);
    }

    /** Makes the task a camera task reading {@code source}. */
    void source(CameraSource source) {
        this.source = source;
    }

    CameraSource source() {
        return source;
    }

    /** A user deleted the task after it ended; it is kept only so that late events cannot bring it back. */
    boolean isDeleted() {
        return deleted;
    }

    TaskStatus status(int queuePosition) {
        return new TaskStatus(taskId, phase.name().toLowerCase(), progressPercent() + "%",
                phase == Phase.FAILED ? error : null, warning, queuePosition > 0 ? queuePosition : null,
                options.isEmpty() ? null : options);
    }

    /** Waiting for a slot: it queued and has not started or ended. */
    boolean isWaiting() {
        return phase == Phase.QUEUED && queueOrder > 0;
    }

    /** Every frame has been published: the DECODED (or COMPLETED) event gave the exact count. */
    boolean isDecoded() {
        return frameCount >= 0;
    }

    long queueOrder() {
        return queueOrder;
    }

    /** Frames annotated over frames in the video; 100 only once the MP4 is in place. */
    int progressPercent() {
        if (phase == Phase.COMPLETED) {
            return 100;
        }
        long total = frameCount > 0 ? frameCount : expectedFrames;
        long done = framesDoneBySource.getOrDefault(FINAL_STAGE, 0L);
        if (total <= 0) {
            return 0;
        }
        return (int) Math.min(99, done * 100 / total);
    }

    long framesDone(String source) {
        return framesDoneBySource.getOrDefault(source, 0L);
    }

    boolean isEnded() {
        return phase == Phase.COMPLETED || phase == Phase.FAILED || phase == Phase.CANCELLED;
    }

    Phase phase() {
        return phase;
    }

    long endedAt() {
        return endedAt;
    }

    String taskId() {
        return taskId;
    }

    String fileName() {
        return fileName;
    }
}
