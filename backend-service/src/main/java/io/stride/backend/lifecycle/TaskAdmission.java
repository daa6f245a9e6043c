package io.stride.backend.lifecycle;

import io.stride.backend.BackendProperties;
import io.stride.backend.api.ServiceBusyException;
import io.stride.backend.camera.CameraIngests;
import io.stride.backend.decode.FrameDecoder;
import io.stride.backend.decode.VideoInfo;
import io.stride.backend.options.TaskOptions;
import io.stride.backend.options.TaskOptionsJson;
import io.stride.backend.decode.VideoProbe;
import io.stride.backend.task.CameraSource;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.task.TaskSnapshot;
import io.stride.backend.topics.TaskTopics;
import io.stride.core.result.StorageProperties;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one admission rule: a task starts (topics, {@code STARTED}, decoding) while fewer than
 * {@code stride.backend.max-tasks-in-flight} tasks are started and not ended; otherwise it waits in a FIFO
 * queue of at most {@code stride.backend.max-queued-tasks}, and beyond that the upload is refused (503).
 *
 * <p>The queue is the order of the {@code QUEUED} events on the events topic, and a queued task's upload stays in
 * the jobs directory, so the queue survives a restart: once the events are replayed, tasks the previous process was
 * decoding are taken over ({@link InterruptedDecodes}) and then queued tasks start, in order, as slots free. A
 * slot frees when a task completes, fails or is cancelled. All starts of queued tasks happen on one thread.
 *
 * <p>A camera task ({@link #admitCamera}) holds a slot like any other, for as long as it runs, and is never queued:
 * without a free slot it is refused.
 */
@Component
public class TaskAdmission implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TaskAdmission.class);
    private static final long SHUTDOWN_GRACE_SECONDS = 10;
    /** After the event reader (which replays) and before the web server (which takes uploads). */
    private static final int PHASE = DEFAULT_PHASE - 1536;

    private final ExecutorService admitter = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "admission");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean fillPending = new AtomicBoolean();
    private final Object lock = new Object();
    /** Tasks told to start whose STARTED event is not applied yet: they hold a slot already. */
    private final Set<String> starting = new HashSet<>();
    /** Uploads told to queue whose QUEUED event is not applied yet: they hold a place already. */
    private final Set<String> queueing = new HashSet<>();
    private volatile boolean ready;
    private volatile boolean running;

    private final TaskRegistry registry;
    private final TaskTopics topics;
    private final TaskEventPublisher events;
    private final FrameDecoder frames;
    private final CameraIngests cameras;
    private final StorageProperties storage;
    private final InterruptedDecodes interrupted;
    private final TaskFailure failure;
    private final BackendProperties properties;

    TaskAdmission(TaskRegistry registry, TaskTopics topics, TaskEventPublisher events, FrameDecoder frames,
                  CameraIngests cameras, StorageProperties storage, InterruptedDecodes interrupted, TaskFailure failure,
                  BackendProperties properties) {
        this.registry = registry;
        this.topics = topics;
        this.events = events;
        this.frames = frames;
        this.cameras = cameras;
        this.storage = storage;
        this.interrupted = interrupted;
        this.failure = failure;
        this.properties = properties;
        registry.onTaskEnded(taskId -> fillSlotsLater());
    }

    /**
     * Starts the task now if a slot is free and nobody waits, else queues it.
     *
     * @throws ServiceBusyException when the queue is full; nothing was published
     * @throws RuntimeException     when Kafka fails; nothing is left behind but the upload, the caller's to remove
     */
    public Admitted admit(String taskId, Path video, VideoInfo info, String fileName, TaskOptions options) {
        boolean startNow = reserve(taskId);
        try {
            if (startNow) {
                start(taskId, video, info, fileName, options);
                return Admitted.STARTED;
            }
            TaskEvent queued = TaskEvent.queued(taskId, info.estimatedFrames(), fileName,
                    TaskOptionsJson.write(options));
            events.publishAndWait(queued, properties.brokerTimeout());
            registry.apply(queued);
            return new Admitted(Math.max(1, registry.queuePosition(taskId)));
        } finally {
            synchronized (lock) {
                starting.remove(taskId);
                queueing.remove(taskId);
            }
            fillSlotsLater(); // a slot may have freed while this task was being queued
        }
    }

    /**
     * Starts a camera task now if a slot is free and no upload waits for one.
     *
     * @param displayName what the task list shows as the task's file name: the camera's name or its masked URL
     * @throws ServiceBusyException when no slot is free; nothing was published
     * @throws RuntimeException     when Kafka fails; nothing is left behind
     */
    public void admitCamera(String taskId, CameraSource source, String displayName, TaskOptions options) {
        synchronized (lock) {
            if (!ready || !waiting().isEmpty() || !queueing.isEmpty() || inFlight() >= properties.maxTasksInFlight()) {
                throw new ServiceBusyException("the backend is busy: " + inFlight() + " tasks are running, the most "
                        + "it runs at once (stride.backend.max-tasks-in-flight); a camera is never queued, try again "
                        + "later", properties.queueFullRetryAfter());
            }
            starting.add(taskId);
        }
        try {
            topics.create(taskId);
            registry.expectSource(taskId, source);
            try {
                TaskEvent started = TaskEvent.started(taskId, -1, displayName, TaskOptionsJson.write(options));
                events.publishAndWait(started, properties.brokerTimeout());
                registry.apply(started);
            } catch (RuntimeException e) {
                registry.dropExpectedSource(taskId);
                topics.delete(taskId);
                throw e;
            }
            long startedAt = registry.snapshot(taskId).map(TaskSnapshot::startedAt).orElseThrow();
            cameras.start(taskId, source, options.stages(), startedAt, 0);
        } finally {
            synchronized (lock) {
                starting.remove(taskId);
            }
        }
    }

    /**
     * Refuses an upload before its body is read when {@link #admit} would refuse it now for a full queue. It only
     * looks (nothing is reserved), so admit checks again once the upload is stored.
     *
     * @throws ServiceBusyException as admit would
     */
    public void checkRoom() {
        synchronized (lock) {
            List<String> waiting = waiting();
            boolean startsNow = ready && waiting.isEmpty() && queueing.isEmpty()
                    && inFlight() < properties.maxTasksInFlight();
            if (!startsNow && waiting.size() + queueing.size() >= properties.maxQueuedTasks()) {
                throw queueFull(waiting.size() + queueing.size());
            }
        }
    }

    /** Whether the backend has taken over interrupted tasks after its start, so that stall checks are fair. */
    public boolean isReady() {
        return ready;
    }

    /** @return true: start now; false: queue */
    private boolean reserve(String taskId) {
        synchronized (lock) {
            List<String> waiting = waiting();
            if (ready && waiting.isEmpty() && queueing.isEmpty() && inFlight() < properties.maxTasksInFlight()) {
                starting.add(taskId);
                return true;
            }
            if (waiting.size() + queueing.size() >= properties.maxQueuedTasks()) {
                throw queueFull(waiting.size() + queueing.size());
            }
            queueing.add(taskId);
            return false;
        }
    }

    /** Call with the lock held. */
    private ServiceBusyException queueFull(int queued) {
        return new ServiceBusyException("the backend is busy: " + inFlight() + " tasks are running and " + queued
                + " are queued, the most it accepts; try again later", properties.queueFullRetryAfter());
    }

    /** Tasks queued and not being started; call with the lock held. */
    private List<String> waiting() {
        return registry.queue().stream().filter(taskId -> !starting.contains(taskId)).toList();
    }

    /** Tasks holding a slot; call with the lock held. */
    private int inFlight() {
        Set<String> holding = new HashSet<>(registry.running());
        holding.addAll(starting);
        return holding.size();
    }

    private void start(String taskId, Path video, VideoInfo info, String fileName, TaskOptions options) {
        topics.create(taskId);
        try {
            TaskEvent started = TaskEvent.started(taskId, info.estimatedFrames(), fileName,
                    TaskOptionsJson.write(options));
            events.publishAndWait(started, properties.brokerTimeout());
            registry.apply(started);
        } catch (RuntimeException e) {
            topics.delete(taskId);
            throw e;
        }
        frames.submit(taskId, video, info, options.stages());
    }

    private void fillSlotsLater() {
        if (fillPending.compareAndSet(false, true)) {
            try {
                admitter.execute(() -> {
                    fillPending.set(false);
                    fillSlots();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                fillPending.set(false); // shutting down
            }
        }
    }

    private void fillSlots() {
        while (ready) {
            String next;
            synchronized (lock) {
                List<String> waiting = waiting();
                if (inFlight() >= properties.maxTasksInFlight() || waiting.isEmpty()) {
                    return;
                }
                next = waiting.get(0);
                starting.add(next);
            }
            MDC.put("task_id", next);
            try {
                startQueued(next);
            } catch (RuntimeException e) {
                failure.fail(next, "the task could not be started: " + e.getMessage());
            } finally {
                synchronized (lock) {
                    starting.remove(next);
                }
                MDC.remove("task_id");
            }
        }
    }

    private void startQueued(String taskId) {
        Path video = storage.upload(taskId);
        if (!Files.isRegularFile(video)) {
            failure.fail(taskId, "the queued upload is gone from the jobs directory; upload the video again");
            return;
        }
        VideoInfo info;
        try {
            info = VideoProbe.probe(video);
        } catch (VideoProbe.UnreadableVideoException e) {
            failure.fail(taskId, "the queued upload can no longer be read: " + e.getMessage());
            return;
        }
        Optional<TaskSnapshot> queued = registry.snapshot(taskId);
        start(taskId, video, info, queued.map(TaskSnapshot::fileName).orElse(""),
                queued.map(TaskSnapshot::options).map(TaskOptionsJson::read).orElse(TaskOptions.NONE));
        if (registry.isEnded(taskId)) {
            topics.delete(taskId); // cancelled while it was being started: its topics were made after the deletion
        }
        log.info("Task {}: started from the queue", taskId);
    }

    /** Takes over interrupted tasks once the events are replayed, then fills the free slots from the queue. */
    @Override
    public void start() {
        running = true;
        admitter.execute(() -> {
            try {
                while (!registry.awaitReplayed(1, TimeUnit.SECONDS)) {
                    if (!running) {
                        return;
                    }
                }
                interrupted.takeOver();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Taking over interrupted tasks failed; the stall watchdog will end them", e);
            }
            ready = true;
            log.info("Admission open: {} tasks in flight, {} queued", registry.running().size(),
                    registry.queue().size());
            fillSlots();
        });
    }

    @Override
    public void stop() {
        running = false;
        ready = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public void close() throws InterruptedException {
        admitter.shutdownNow();
        admitter.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
    }
}
