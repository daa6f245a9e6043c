package io.stride.annotation.preview;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The latest annotated frame of every task someone is watching. Frames are only worth encoding while a task
 * has a viewer, and then at most {@code maxFps} a second; a viewer always gets the newest frame, so a slow one
 * skips frames instead of slowing the pipeline or piling them up. At most {@code maxViewers} streams are open
 * at once, each holding a thread of the service.
 */
public final class PreviewHub {

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Map<String, TaskPreview> tasks = new HashMap<>();
    private final int maxViewers;
    private final long minFrameIntervalNanos;
    private final LongSupplier nanoClock;
    private int viewers;

    /**
     * @param maxViewers streams open at once, over all tasks
     * @param maxFps     frames a second encoded for a task's viewers at most
     * @param nanoClock  monotonic time in nanoseconds ({@code System::nanoTime}), which paces the frames
     */
    public PreviewHub(int maxViewers, double maxFps, LongSupplier nanoClock) {
        if (maxViewers < 1 || !(maxFps > 0)) {
            throw new IllegalArgumentException("need maxViewers >= 1 and maxFps > 0");
        }
        this.maxViewers = maxViewers;
        this.minFrameIntervalNanos = (long) (NANOS_PER_SECOND / maxFps);
        this.nanoClock = nanoClock;
    }

    /** Whether the task's next annotated frame should be encoded and {@link #publish published}. */
    public synchronized boolean wantsFrame(String taskId) {
        TaskPreview task = tasks.get(taskId);
        return task != null && (task.latest == null
                || nanoClock.getAsLong() - task.publishedAt >= minFrameIntervalNanos);
    }

    /** Makes the frame the task's newest and wakes its viewers; dropped when nobody watches the task any more. */
    public synchronized void publish(String taskId, byte[] jpeg) {
        TaskPreview task = tasks.get(taskId);
        if (task == null) {
            return;
        }
        long sequence = task.latest == null ? 1 : task.latest.sequence() + 1;
        task.latest = new PreviewFrame(sequence, jpeg);
        task.publishedAt = nanoClock.getAsLong();
        notifyAll();
    }

    /**
     * Starts watching a task, which may not have produced a frame yet.
     *
     * @throws TooManyViewersException when {@code maxViewers} streams are open
     */
    public synchronized Viewer watch(String taskId) {
        if (viewers >= maxViewers) {
            throw new TooManyViewersException(maxViewers);
        }
        viewers++;
        tasks.computeIfAbsent(taskId, id -> new TaskPreview()).viewers++;
        return new Viewer(taskId);
    }

    /** Streams open now. */
    public synchronized int viewers() {
        return viewers;
    }

    /** Tasks watched now. */
    public synchronized int watchedTasks() {
        return tasks.size();
    }

    private synchronized void leave(Viewer viewer) {
        viewers--;
        TaskPreview task = tasks.get(viewer.taskId);
        if (--task.viewers == 0) {
            tasks.remove(viewer.taskId);
        }
        notifyAll();
    }

    /**
     * Waits for a frame newer than the viewer's last one.
     *
     * @return null when none came within the timeout or the viewer was closed
     */
    private synchronized PreviewFrame next(Viewer viewer, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!viewer.closed) {
            PreviewFrame latest = tasks.get(viewer.taskId).latest;
            if (latest != null && latest.sequence() > viewer.lastSequence) {
                viewer.lastSequence = latest.sequence();
                return latest;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return null;
    }

    /** One open stream of one task. Closing it more than once is harmless. */
    public final class Viewer implements AutoCloseable {

        private final String taskId;
        private long lastSequence;
        private boolean closed;

        private Viewer(String taskId) {
            this.taskId = taskId;
        }

        /**
         * The task's newest frame once it is newer than the last one returned (the latest one at once, if the
         * task has one this viewer has not seen).
         *
         * @return null when no new frame came within {@code timeout}, or the viewer was closed meanwhile
         */
        public PreviewFrame next(Duration timeout) throws InterruptedException {
            return PreviewHub.this.next(this, timeout);
        }

        @Override
        public void close() {
            synchronized (PreviewHub.this) {
                if (!closed) {
                    closed = true;
                    leave(this);
                }
            }
        }
    }

    /** Every stream the service allows is open. */
    public static final class TooManyViewersException extends RuntimeException {
        TooManyViewersException(int maxViewers) {
            super("all " + maxViewers + " preview streams are in use; try again later");
        }
    }

    private static final class TaskPreview {
        int viewers;
        PreviewFrame latest;
        long publishedAt;
    }
}
