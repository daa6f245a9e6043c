package io.stride.annotation;

import io.stride.core.frame.FrameRecord;
import io.stride.core.stage.TaskReplay;
import io.stride.core.topic.Stage;
import java.util.function.Consumer;

/**
 * A task's input frames read back from its start: what the processor draws again when it meets a task
 * mid-stream, after a restart or after taking the task over from another instance.
 */
@FunctionalInterface
public interface EarlierFrames {

    /** Nowhere to read frames back from: a task met mid-stream fails. */
    EarlierFrames UNAVAILABLE = (taskId, untilFrame, sink) -> {
        throw new IllegalStateException("frames 0-" + (untilFrame - 1) + " were not received and cannot be read back");
    };

    /**
     * Hands {@code sink} the task's frames {@code 0 .. untilFrame-1}, each once and in order.
     *
     * @throws RuntimeException when they cannot all be read back; the message says why
     */
    void replay(String taskId, long untilFrame, Consumer<FrameRecord> sink);

    /** The frames of the task's topic of the {@code input} stage, read back with {@code replay}. */
    static EarlierFrames of(TaskReplay replay, Stage input) {
        return (taskId, untilFrame, sink) -> replay.replay(input.topic(taskId), untilFrame, sink);
    }
}
