package io.stride.annotation.output;

import io.stride.core.result.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;

/**
 * Opens the result writers of tasks.
 *
 * @param files         where results go
 * @param encoder       how the video is encoded
 * @param segmentFrames frames per video segment of an upload, the unit a task resumes by
 * @param sources       where a task's uploaded source video is, whose audio the result keeps; {@code id -> null}
 *                      for none
 * @param recordings    the rolling recordings of live tasks (cameras)
 */
public record ResultWriters(ResultFiles files, H264Settings encoder, int segmentFrames,
                            Function<String, Path> sources, RollingRecordings recordings) {

    /** Results of uploads keeping their sources' audio; live tasks recorded with the default settings. */
    public ResultWriters(ResultFiles files, H264Settings encoder, int segmentFrames, Function<String, Path> sources) {
        this(files, encoder, segmentFrames, sources,
                new RollingRecordings(RecordingProperties.DEFAULTS, Clock.systemUTC()));
    }

    /** Results without the sources' audio. */
    public ResultWriters(ResultFiles files, H264Settings encoder, int segmentFrames) {
        this(files, encoder, segmentFrames, taskId -> null);
    }

    /**
     * Takes a task's partial files over, going on from its resume point when there is a usable one; see
     * {@link TaskResultsWriter#open}.
     */
    public TaskResultsWriter open(String taskId, int width, int height, double fps) throws IOException {
        return TaskResultsWriter.open(files, taskId, format(width, height, fps), sources.apply(taskId));
    }

    /**
     * Opens what a task's frames are written to: the rolling recording of a live task (one whose frames say so,
     * or whose recording was started before), else the results of an upload.
     */
    public TaskOutput open(String taskId, int width, int height, double fps, boolean live) throws IOException {
        if (live || recordings.started(files, taskId)) {
            return recordings.open(files, taskId, format(width, height, fps));
        }
        return open(taskId, width, height, fps);
    }

    private VideoFormat format(int width, int height, double fps) {
        return new VideoFormat(width, height, fps, encoder, segmentFrames);
    }

    /** The same writers with results going to {@code directory} instead, without any source's audio. */
    public ResultWriters in(Path directory) {
        return new ResultWriters(new ResultFiles(directory), encoder, segmentFrames, taskId -> null, recordings);
    }

    /**
     * Whether the task's results are complete: an upload's MP4 and annotations both in place under their final
     * names, or a live task's recording completed.
     */
    public boolean inPlace(String taskId) {
        return Files.exists(files.video(taskId)) && Files.exists(files.annotations(taskId))
                || recordings.completed(files, taskId);
    }
}
