package io.stride.annotation;

import io.stride.core.frame.FrameRecord;
import io.stride.core.stage.TaskReplay;
import io.stride.core.topic.Stage;
import java.util.function.Consumer;

/**
 * A task's input frames read back from its topic: what the processor draws again when it meets a task
 * mid-stream, after a restart or after taking the task over from another instance. It reads from the task's
 * last durable point on, never from the topic's start unless there is none.
 */
@FunctionalInterface
public interface EarlierFrames {

    /** Nowhere to read frames back from: a task met mid-stream fails. */
    EarlierFrames UNAVAILABLE = (taskId, fromFrame, untilFrame, sink) -> {
        throw new IllegalStateException("frames " + fromFrame + "-" + (untilFrame - 1)
                + " were not received and cannot be read back");
    };

    /**
     * Hands {@code sink} the task's frames {@code fromFrame .. untilFrame-1}, each once and in order.
     *
     * @throws RuntimeException when they cannot all be read back; the message says why
     */
    void replay(String taskId, long fromFrame, long untilFrame, Consumer<FrameRecord> sink);

    /** The frames of the task's topic of the {@code input} stage, read back with {@code replay}. */
    static EarlierFrames of(TaskReplay replay, Stage input) {
        return (taskId, fromFrame, untilFrame, sink) -> replay.replay(input.topic(taskId), fromFrame, untilFrame, sink);
    }
}
