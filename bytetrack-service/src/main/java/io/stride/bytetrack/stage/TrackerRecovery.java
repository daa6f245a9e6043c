package io.stride.bytetrack.stage;

import io.stride.bytetrack.checkpoint.TrackerCheckpoint;
import io.stride.bytetrack.checkpoint.TrackerCheckpointCodec;
import io.stride.bytetrack.checkpoint.TrackerCheckpointFormatException;
import io.stride.bytetrack.checkpoint.TrackerCheckpoints;
import io.stride.core.frame.FrameFormatException;
import io.stride.core.frame.FrameRecord;
import io.stride.core.stage.TaskReplay;
import io.stride.core.topic.Stage;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a tracker up to date for a task met mid-stream: after a restart or a rebalance the processor sees a task
 * first at frame k > 0, and only a tracker in the state an uninterrupted run had after frame k-1 gives the track IDs
 * that run gives.
 *
 * <p>That state is the task's latest checkpoint, taken after some frame K, plus frames K+1..k-1 fed through the
 * tracker again without being forwarded (the instance before already forwarded them). Checkpoints exist because
 * the input topic cannot be replayed from frame 0 for long: its retention removes the oldest frames of a task that
 * has run for longer, while the frames after the latest checkpoint are always young enough to be still there. So
 * this class also takes the checkpoints, every {@code checkpointInterval} frames, and drops them when the task ends.
 *
 * <p>Without a usable checkpoint (none yet, or one too far ahead of frame k) the tracker is rebuilt from frame 0,
 * which works for a task younger than the retention; when that fails too, the tracker starts afresh: the task still
 * completes frame-exact, only its track IDs restart, which matters less than finishing it.
 */
final class TrackerRecovery {

    private static final Logger log = LoggerFactory.getLogger(TrackerRecovery.class);

    private final TaskReplay replay;
    private final Stage input;
    private final TrackerCheckpoints checkpoints;
    private final int checkpointInterval;

    /** @param input the stage whose topic this processor consumes; its topic holds what the tracker saw */
    TrackerRecovery(TaskReplay replay, Stage input, TrackerCheckpoints checkpoints, int checkpointInterval) {
        this.replay = replay;
        this.input = input;
        this.checkpoints = checkpoints;
        this.checkpointInterval = checkpointInterval;
    }

    /**
     * Called after the tracking advanced on a new frame. The checkpoint frames are fixed by frame index, not counted
     * from a resume, so that instances agree on them.
     */
    void advanced(String taskId, TaskTracking tracking) {
        if ((tracking.lastFrameIndex() + 1) % checkpointInterval == 0) {
            checkpoints.save(taskId, tracking.checkpoint());
        }
    }

    void taskEnded(String taskId) {
        checkpoints.delete(taskId);
    }

    /** A tracking state that has seen the task's frames before {@code first}, or a fresh one (logged). */
    TaskTracking caughtUp(FrameRecord first, TaskTrackingFactory trackings) {
        String taskId = first.taskId();
        long frameIndex = first.frameIndex();
        long started = System.nanoTime();
        Optional<TrackerCheckpoint> checkpoint = usableCheckpoint(taskId, frameIndex);
        long fromFrame = checkpoint.map(TrackerCheckpoint::frameIndex).orElse(-1L) + 1;
        TaskTracking tracking = checkpoint.map(trackings::restored).orElseGet(() -> trackings.fresh(first));
        try {
            replay.replayResults(input.topic(taskId), fromFrame, frameIndex, tracking::track);
        } catch (TaskReplay.TaskReplayException | KafkaException | FrameFormatException e) {
            log.warn("Task {} met at frame {}: its tracker starts afresh there, so track IDs restart at 1 ({})",
                    taskId, frameIndex, e.getMessage());
            return trackings.fresh(first);
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (checkpoint.isPresent()) {
            log.info("Task {} met at frame {}: tracker resumed from its checkpoint after frame {} ({} bytes) and the "
                            + "{} frames after it on {} in {} ms", taskId, frameIndex, fromFrame - 1,
                    TrackerCheckpointCodec.size(checkpoint.get()), Math.max(0, frameIndex - fromFrame),
                    input.topic(taskId), millis);
        } else {
            log.info("Task {} met at frame {}: tracker rebuilt from frames 0..{} of {} in {} ms", taskId, frameIndex,
                    frameIndex - 1, input.topic(taskId), millis);
        }
        return tracking;
    }

    /**
     * The task's latest checkpoint if the tracking can go on from it at {@code frameIndex}. An unreadable one is as
     * good as none: the stage then rebuilds from frame 0 or starts afresh, and the task goes on either way.
     */
    private Optional<TrackerCheckpoint> usableCheckpoint(String taskId, long frameIndex) {
        Optional<TrackerCheckpoint> latest;
        try {
            latest = checkpoints.latest(taskId);
        } catch (KafkaException | TrackerCheckpointFormatException e) {
            log.warn("Task {} met at frame {}: its tracker checkpoint cannot be read, rebuilding from frame 0 ({})",
                    taskId, frameIndex, e.getMessage());
            return Optional.empty();
        }
        if (latest.isEmpty()) {
            log.info("Task {} met at frame {}: no tracker checkpoint, rebuilding from frame 0", taskId, frameIndex);
        } else if (!latest.get().resumableAt(frameIndex)) {
            log.info("Task {} met at frame {}: its tracker checkpoint after frame {} is ahead and no longer holds the "
                    + "tracks of frame {}, rebuilding from frame 0", taskId, frameIndex, latest.get().frameIndex(),
                    frameIndex);
            return Optional.empty();
        }
        return latest;
    }
}
