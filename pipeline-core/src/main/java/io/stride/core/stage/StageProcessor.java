package io.stride.core.stage;

import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.StageOptions;
import java.util.List;

/**
 * The work of one stage. The {@link StageRunner} hands it the records of one task in offset order (a batch
 * of at most {@code stride.stage.max-poll-records}); an end-of-stream record, if present, is last.
 *
 * <p>Implementations may keep per-task state (a tracker, an open MP4 file) and must release it in
 * {@link #taskEnded(String)}. They are called from one thread per task at a time.
 */
public interface StageProcessor {

    /**
     * Processes frames and returns the records to forward to the next topic, in order, end-of-stream included.
     * The last stage returns what it finished; the runner forwards nothing for it.
     *
     * @throws Exception to fail the task: the runner publishes a {@code FAILED} event with the message
     */
    List<FrameRecord> process(List<FrameRecord> records) throws Exception;

    /**
     * Whether {@link #process} looks at the pixels of a task with these options. Frame records after the detector
     * travel without their JPEG; for a processor that needs it the runtime fetches it from {@code raw_frames} first.
     * A stage that works on results alone (the tracker), or that has nothing to do for the task (poses off),
     * answers {@code false} and never touches the images.
     */
    default boolean needsImages(StageOptions options) {
        return true;
    }

    /**
     * Does, once before the stage takes tasks, the first-use work a first task would otherwise wait for: loading
     * native libraries, a model session's first run, an encoder's first open, the JIT's first compilations. Must
     * leave no trace a task could see (no events, no files outside a temporary directory).
     */
    default void warmUp() throws Exception {
    }

    /** Called once the end-of-stream record has been forwarded, or when the task failed. */
    default void taskEnded(String taskId) {
    }
}
