package io.stride.backend.task;

import io.stride.core.task.TaskEvent;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Every task's state: restored from the task store at start-up, then folded from the events that follow (the
 * {@code TaskEventReader} is its feed), so statuses survive restarts. Holds the tasks that exist, no more: a
 * deleted or expired task is forgotten once the store no longer holds it.
 */
@Component
public class TaskRegistry {

    /** Source of the decoder's local progress notes: frames published to {@code raw_frames}. */
    public static final String DECODER = "decoder";

    private final Map<String, TaskState> tasks = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();
    /** Counts applied events; a QUEUED event's number is its task's place in the FIFO queue. */
    private final AtomicLong appliedEvents = new AtomicLong();
    private final CountDownLatch replayed = new CountDownLatch(1);
    /** Camera sources of tasks whose STARTED event is not applied yet. */
    private final Map<String, CameraSource> expectedSources = new ConcurrentHashMap<>();
    private final Ticker ticker;

    /** @param ticker the clock that stamps each event as it is applied, on which stalls are measured */
    public TaskRegistry(Ticker ticker) {
        this.ticker = ticker;
    }

    /**
     * Folds one event into its task. Only {@code QUEUED} and {@code STARTED} make a task known: any other event
     * of an unknown task is a late one of a task the store no longer holds (deleted, or past its retention).
     */
    public void apply(TaskEvent event) {
        boolean creates = event.type() == TaskEvent.Type.QUEUED || event.type() == TaskEvent.Type.STARTED;
        TaskState state = creates ? tasks.computeIfAbsent(event.taskId(), TaskState::new) : tasks.get(event.taskId());
        if (state == null) {
            return;
        }
        CameraSource source = event.type() == TaskEvent.Type.STARTED ? expectedSources.remove(event.taskId()) : null;
        if (source != null) {
            state.source(source);
        }
        boolean wasEnded = state.isEnded();
        state.apply(event, appliedEvents.incrementAndGet(), ticker.millis());
        if (!wasEnded && state.isEnded()) {
            endListeners.forEach(listener -> listener.accept(event.taskId()));
        }
        changeListeners.forEach(listener -> listener.accept(event.taskId()));
        synchronized (this) {
            notifyAll();
        }
    }

    /**
     * Makes the tasks of the store known, as the events before their records' offsets left them; for a backend
     * that starts. Ended ones are announced to the end listeners, as if their end had just been read.
     */
    public void restore(Collection<TaskRecord> records) {
        long now = ticker.millis();
        for (TaskRecord record : records) {
            tasks.put(record.taskId(), TaskState.restore(record, now));
            appliedEvents.accumulateAndGet(record.queueOrder(), Math::max);
        }
        for (TaskRecord record : records) {
            if (record.isEnded()) {
                endListeners.forEach(listener -> listener.accept(record.taskId()));
            }
        }
    }

    /**
     * Makes the task whose STARTED event is about to be published a camera task: whichever applies that event first
     * (the publisher or the event reader, which then writes the task store) attaches the source, so the store's
     * record has it from the start.
     */
    public void expectSource(String taskId, CameraSource source) {
        expectedSources.put(taskId, source);
    }

    /** Forgets an expected source whose STARTED event could not be published. */
    public void dropExpectedSource(String taskId) {
        expectedSources.remove(taskId);
    }

    /** Where a camera task reads its video; empty for an upload's task, an unknown or a deleted one. */
    public Optional<CameraSource> source(String taskId) {
        return Optional.ofNullable(tasks.get(taskId)).filter(state -> !state.isDeleted()).map(TaskState::source);
    }

    /** What the task store keeps of the task; empty for a task that is unknown or was deleted. */
    public Optional<TaskRecord> record(String taskId, long eventsOffset) {
        return Optional.ofNullable(tasks.get(taskId)).filter(state -> !state.isDeleted())
                .map(state -> state.record(eventsOffset));
    }

    /** Whether a user deleted the task (or its retention ended): its record is to be removed from the store. */
    public boolean isDeleted(String taskId) {
        TaskState state = tasks.get(taskId);
        return state != null && state.isDeleted();
    }

    /** Drops a deleted task once the store no longer holds it; its late events are then ignored. */
    public void forget(String taskId) {
        tasks.computeIfPresent(taskId, (id, state) -> state.isDeleted() ? null : state);
    }

    /** Tasks that ended before {@code epochMillis} (by their end event's time) and are not deleted. */
    public List<String> endedBefore(long epochMillis) {
        return tasks.values().stream()
                .filter(state -> state.isEnded() && !state.isDeleted() && state.endedAt() < epochMillis)
                .map(TaskState::taskId).toList();
    }

    /** Whether the task is known and not deleted. */
    public boolean isKnown(String taskId) {
        TaskState state = tasks.get(taskId);
        return state != null && !state.isDeleted();
    }

    /** Empty for unknown tasks and for tasks a user deleted. */
    public Optional<TaskStatus> status(String taskId) {
        return Optional.ofNullable(tasks.get(taskId)).filter(state -> !state.isDeleted())
                .map(state -> state.status(queuePosition(taskId)));
    }

    /** The task now; empty for unknown tasks and for tasks a user deleted. */
    public Optional<TaskSnapshot> snapshot(String taskId) {
        return Optional.ofNullable(tasks.get(taskId)).filter(state -> !state.isDeleted())
                .map(state -> state.snapshot(queuePosition(taskId)));
    }

    /** Every task not deleted, newest upload first. */
    public List<TaskSnapshot> all() {
        Map<String, Integer> positions = queuePositions();
        return tasks.values().stream()
                .filter(state -> !state.isDeleted())
                .map(state -> state.snapshot(positions.getOrDefault(state.taskId(), 0)))
                .sorted(Comparator.comparingLong(TaskSnapshot::startedAt).reversed()
                        .thenComparing(TaskSnapshot::taskId))
                .toList();
    }

    /**
     * Called with the task id after every event applied, on the thread that applied it (the event reader or a
     * request thread): listeners must return quickly.
     */
    public void onChange(Consumer<String> listener) {
        changeListeners.add(listener);
    }

    public boolean isCompleted(String taskId) {
        TaskState state = tasks.get(taskId);
        return state != null && state.phase() == TaskState.Phase.COMPLETED;
    }

    public boolean isEnded(String taskId) {
        TaskState state = tasks.get(taskId);
        return state != null && state.isEnded();
    }

    /** The tasks waiting for a slot, the next to start first (the order their QUEUED events were applied). */
    public List<String> queue() {
        return tasks.values().stream()
                .filter(TaskState::isWaiting)
                .sorted(Comparator.comparingLong(TaskState::queueOrder))
                .map(TaskState::taskId)
                .toList();
    }

    /** 1 for the next task to start, 0 for a task that is not waiting. */
    public int queuePosition(String taskId) {
        TaskState state = tasks.get(taskId);
        return state != null && state.isWaiting() ? queue().indexOf(taskId) + 1 : 0;
    }

    private Map<String, Integer> queuePositions() {
        Map<String, Integer> positions = new HashMap<>();
        List<String> queue = queue();
        for (int i = 0; i < queue.size(); i++) {
            positions.put(queue.get(i), i + 1);
        }
        return positions;
    }

    /** Tasks started and not ended: those holding a slot of the in-flight limit. */
    public List<String> running() {
        return tasks.values().stream().filter(state -> state.phase() == TaskState.Phase.RUNNING)
                .map(TaskState::taskId).toList();
    }

    /** Whether every frame of the task has been published (its DECODED event was seen). */
    public boolean isDecoded(String taskId) {
        TaskState state = tasks.get(taskId);
        return state != null && state.isDecoded();
    }

    /** This process took over the task's decoding after a restart: its stall clock starts again now. */
    public void markResumed(String taskId) {
        TaskState state = tasks.get(taskId);
        if (state != null) {
            state.resumed(ticker.millis());
        }
    }

    /** The events topic has been read up to where it ended when this process started. */
    public void markReplayed() {
        replayed.countDown();
    }

    /**
     * Waits until the events topic has been replayed.
     *
     * @return false if it was not within the timeout
     */
    public boolean awaitReplayed(long timeout, TimeUnit unit) throws InterruptedException {
        return replayed.await(timeout, unit);
    }

    /**
     * Each running task that cannot finish, with the reason (see {@code TaskState#stallReason}).
     *
     * @param countFrom no stall is counted before this instant of the {@link Ticker} (the broker was away)
     */
    public Map<String, String> stalledTasks(long countFrom, long limitMillis, Predicate<String> decodingHere) {
        long now = ticker.millis();
        Map<String, String> stalled = new HashMap<>();
        tasks.forEach((taskId, state) -> state.stallReason(now, countFrom, limitMillis, decodingHere.test(taskId))
                .ifPresent(reason -> stalled.put(taskId, reason)));
        return stalled;
    }

    /** Frames the annotation service has written, the measure of how far the pipeline got. */
    public long framesAnnotated(String taskId) {
        TaskState state = tasks.get(taskId);
        return state == null ? 0 : state.framesDone(TaskState.FINAL_STAGE);
    }

    /** Called once per task when it completes or fails (also for tasks that ended before a restart). */
    public void onTaskEnded(Consumer<String> listener) {
        endListeners.add(listener);
    }

    /**
     * Blocks until the pipeline has annotated at least {@code frames} frames of the task or the task ended.
     *
     * @return false when the task ended first
     */
    public synchronized boolean awaitAnnotated(String taskId, long frames) throws InterruptedException {
        while (framesAnnotated(taskId) < frames) {
            if (isEnded(taskId)) {
                return false;
            }
            wait(1000);
        }
        return true;
    }
}
