package io.stride.annotation.output;

import io.stride.core.result.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Opens the result writers of tasks.
 *
 * @param files         where results go
 * @param encoder       how the video is encoded
 * @param segmentFrames frames per video segment, the unit a task resumes by
 * @param sources       where a task's uploaded source video is, whose audio the result keeps; {@code id -> null}
 *                      for none
 */
public record ResultWriters(ResultFiles files, H264Settings encoder, int segmentFrames,
                            Function<String, Path> sources) {

    /** Results without the sources' audio. */
    public ResultWriters(ResultFiles files, H264Settings encoder, int segmentFrames) {
        this(files, encoder, segmentFrames, taskId -> null);
    }

    /**
     * Takes a task's partial files over, going on from its resume point when there is a usable one; see
     * {@link TaskResultsWriter#open}.
     */
    public TaskResultsWriter open(String taskId, int width, int height, double fps) throws IOException {
        return TaskResultsWriter.open(files, taskId, new VideoFormat(width, height, fps, encoder, segmentFrames),
                sources.apply(taskId));
    }

    /** The same writers with results going to {@code directory} instead, without any source's audio. */
    public ResultWriters in(Path directory) {
        return new ResultWriters(new ResultFiles(directory), encoder, segmentFrames);
    }

    /** Whether the task's MP4 and annotations are both in place under their final names. */
    public boolean inPlace(String taskId) {
        return Files.exists(files.video(taskId)) && Files.exists(files.annotations(taskId));
    }
}
