package io.stride.annotation.output;

import io.stride.core.result.RecordingManifest;
import io.stride.core.result.ResultFiles;
import java.io.IOException;
import java.time.Clock;

/**
 * Opens the rolling recordings of live tasks and tells what state a task's recording is in.
 *
 * @param settings segment length and retention
 * @param clock    when a segment ended, which its age counts from
 */
public record RollingRecordings(RecordingProperties settings, Clock clock) {

    /** Takes a live task's recording over, going on after its closed segments; see {@link RollingRecording#open}. */
    public RollingRecording open(ResultFiles files, String taskId, VideoFormat format) throws IOException {
        return RollingRecording.open(files.segments(taskId), taskId, format, settings, clock);
    }

    /** Whether the task has a recording: it is a live task, met before. */
    public boolean started(ResultFiles files, String taskId) {
        return RecordingManifest.exists(files.segments(taskId));
    }

    /** Whether the task's recording was completed: its end-of-stream was met and its last segment closed. */
    public boolean completed(ResultFiles files, String taskId) {
        try {
            return RecordingManifest.read(files.segments(taskId)).map(RecordingManifest::complete).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }
}
