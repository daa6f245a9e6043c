package io.stride.bytetrack.stage;

import io.stride.core.frame.FrameFormatException;
import io.stride.core.stage.TaskReplay;
import io.stride.core.topic.Stage;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a new tracker up to date for a task met mid-stream: after a restart or a rebalance the processor sees a
 * task first at frame k > 0, and only a tracker that has seen frames 0..k-1 gives the track IDs an uninterrupted
 * run gives. Those frames are still on the task's input topic; they are fed through the tracker without being
 * forwarded (the instance before already forwarded them).
 */
final class TrackerRecovery {

    private static final Logger log = LoggerFactory.getLogger(TrackerRecovery.class);

    private final TaskReplay replay;
    private final Stage input;

    /** @param input the stage whose topic this processor consumes; its topic holds what the tracker saw */
    TrackerRecovery(TaskReplay replay, Stage input) {
        this.replay = replay;
        this.input = input;
    }

    /**
     * A tracking state that has seen the task's frames before {@code frameIndex}. When those frames cannot be read
     * back (retention removed the first ones, the broker is unreachable, a record is unreadable), a fresh one:
     * the task still completes frame-exact, only its track IDs restart, which matters less than finishing it.
     */
    TaskTracking caughtUp(String taskId, long frameIndex, Supplier<TaskTracking> fresh) {
        String topic = input.topic(taskId);
        long started = System.nanoTime();
        TaskTracking tracking = fresh.get();
        try {
            replay.replayResults(topic, frameIndex, tracking::track);
        } catch (TaskReplay.TaskReplayException | KafkaException | FrameFormatException e) {
            log.warn("Task {} met at frame {}: its tracker starts afresh there, so track IDs restart at 1 ({})",
                    taskId, frameIndex, e.getMessage());
            return fresh.get();
        }
        log.info("Task {} met at frame {}: tracker rebuilt from frames 0..{} of {} in {} ms", taskId, frameIndex,
                frameIndex - 1, topic, Duration.ofNanos(System.nanoTime() - started).toMillis());
        return tracking;
    }
}
