package io.stride.backend.decode;

import io.stride.backend.BackendProperties;
import io.stride.backend.task.TaskRegistry;
import org.springframework.stereotype.Component;

/**
 * The decoder's back-pressure: a frame is published only while it is fewer than
 * {@code stride.backend.max-frames-ahead} frames ahead of the last annotated one. So a frame waits in Kafka only a
 * bounded number of frames' worth of pipeline time, however long the video, and never expires unread; a stateful
 * stage resuming from its checkpoint finds the frames after it still there.
 */
@Component
class DecodeWindow {

    private final TaskRegistry registry;
    private final int maxFramesAhead;

    DecodeWindow(TaskRegistry registry, BackendProperties properties) {
        this.registry = registry;
        this.maxFramesAhead = properties.maxFramesAhead();
    }

    /**
     * Waits until frame {@code index} of the task may be published.
     *
     * @return false when the task ended meanwhile (cancelled: its topics are being deleted)
     */
    boolean awaitRoomFor(String taskId, long index) throws InterruptedException {
        if (registry.isEnded(taskId)) {
            return false;
        }
        long needed = index - maxFramesAhead + 1;
        return needed <= 0 || registry.awaitAnnotated(taskId, needed);
    }
}
