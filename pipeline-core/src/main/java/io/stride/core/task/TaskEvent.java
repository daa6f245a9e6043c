package io.stride.core.task;

/**
 * One step in a task's life, published on {@link io.stride.core.topic.TopicNames#TASK_EVENTS} keyed by task id.
 * The backend folds these into the task's status; replaying the topic rebuilds every status after a restart.
 *
 * @param taskId     the task
 * @param type       what happened
 * @param source     the service that saw it ({@code backend}, {@code yolox}, … , {@code annotation})
 * @param framesDone frames the source has finished, for {@link Type#PROGRESS}; otherwise 0
 * @param frameCount frames in the video: an estimate on {@link Type#QUEUED} and {@link Type#STARTED}, exact on
 *                   {@link Type#DECODED} and {@link Type#COMPLETED}; otherwise -1
 * @param message    the file name on {@link Type#QUEUED} and {@link Type#STARTED}, the reason on {@link Type#FAILED} and
 *                   {@link Type#CANCELLED}, a warning about the input on {@link Type#DECODED} (empty when all is
 *                   well), else empty
 * @param timestamp  epoch milliseconds when the source published it
 * @param options    the task's options as JSON on {@link Type#QUEUED} and {@link Type#STARTED} (what the uploader
 *                   asked for, in the backend's canonical form), empty when it asked for none and on other events
 */
public record TaskEvent(String taskId, Type type, String source, long framesDone, long frameCount,
                        String message, long timestamp, String options) {

    public enum Type {
        /**
         * Upload accepted while the backend's tasks in flight are at their limit: the task waits, without topics,
         * for a slot; {@link #STARTED} follows when it gets one. The order of these events is the queue's order.
         */
        QUEUED,
        /** Upload accepted (or a queued task admitted), topics created, decoding begins. */
        STARTED,
        /** Every frame is published; {@code frameCount} is exact. */
        DECODED,
        /** A stage finished frames {@code 0..framesDone-1}. */
        PROGRESS,
        /** The MP4 and annotations are in the results directory. */
        COMPLETED,
        /** The task cannot finish; {@code message} says why. */
        FAILED,
        /** A user deleted the task while it ran; stages drop its work. */
        CANCELLED
    }

    public TaskEvent {
        message = message == null ? "" : message;
        options = options == null ? "" : options;
    }

    /** An event without options. */
    public TaskEvent(String taskId, Type type, String source, long framesDone, long frameCount, String message,
                     long timestamp) {
        this(taskId, type, source, framesDone, frameCount, message, timestamp, "");
    }

    public static TaskEvent queued(String taskId, long estimatedFrames, String fileName) {
        return queued(taskId, estimatedFrames, fileName, "");
    }

    /** @param options the task's options as JSON, empty for none */
    public static TaskEvent queued(String taskId, long estimatedFrames, String fileName, String options) {
        return new TaskEvent(taskId, Type.QUEUED, "backend", 0, estimatedFrames, fileName, now(), options);
    }

    public static TaskEvent started(String taskId, long estimatedFrames, String fileName) {
        return started(taskId, estimatedFrames, fileName, "");
    }

    /** @param options the task's options as JSON, empty for none */
    public static TaskEvent started(String taskId, long estimatedFrames, String fileName, String options) {
        return new TaskEvent(taskId, Type.STARTED, "backend", 0, estimatedFrames, fileName, now(), options);
    }

    public static TaskEvent decoded(String taskId, long frameCount) {
        return decoded(taskId, frameCount, "");
    }

    /** @param warning what the result will not show, e.g. that the input was truncated; empty when all is well */
    public static TaskEvent decoded(String taskId, long frameCount, String warning) {
        return new TaskEvent(taskId, Type.DECODED, "backend", 0, frameCount, warning, now());
    }

    public static TaskEvent progress(String taskId, String source, long framesDone) {
        return new TaskEvent(taskId, Type.PROGRESS, source, framesDone, -1, "", now());
    }

    public static TaskEvent completed(String taskId, String source, long frameCount) {
        return new TaskEvent(taskId, Type.COMPLETED, source, frameCount, frameCount, "", now());
    }

    public static TaskEvent failed(String taskId, String source, String reason) {
        return new TaskEvent(taskId, Type.FAILED, source, 0, -1, reason, now());
    }

    public static TaskEvent cancelled(String taskId, String reason) {
        return new TaskEvent(taskId, Type.CANCELLED, "backend", 0, -1, reason, now());
    }

    public boolean isTerminal() {
        return type == Type.COMPLETED || type == Type.FAILED || type == Type.CANCELLED;
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
