package io.stride.annotation.output;

import io.stride.core.frame.FrameRecord;
import io.stride.core.result.ResultFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result files of one task while it runs: the annotated MP4 and the per-frame JSON Lines, both written
 * under their {@code .part} names and moved to their final names by {@link #finish()}, the MP4 with the
 * source's audio track added at that point.
 */
public final class TaskResultsWriter implements AutoCloseable {

    /** Name of the MP4 with the audio added, while it is written (with {@code .part}): task id first, like all. */
    private static final String WITH_AUDIO = ".with-audio.mp4";

    private static final Logger log = LoggerFactory.getLogger(TaskResultsWriter.class);

    private final String taskId;
    private final PartialFile videoFile;
    private final PartialFile annotationsFile;
    private final H264Mp4Writer video;
    private final BufferedWriter annotations;
    private final Path source;
    private long framesWritten;

    private TaskResultsWriter(String taskId, PartialFile videoFile, PartialFile annotationsFile, H264Mp4Writer video,
                              BufferedWriter annotations, Path source) {
        this.taskId = taskId;
        this.videoFile = videoFile;
        this.annotationsFile = annotationsFile;
        this.video = video;
        this.annotations = annotations;
        this.source = source;
    }

    /**
     * Creates the task's partial files, replacing the leftovers of an earlier attempt (an instance that was
     * killed, or that lost the task to this one), and starts the encoder.
     *
     * @param source the task's uploaded video, whose audio track the finished MP4 gets; null for none
     */
    public static TaskResultsWriter open(ResultFiles files, String taskId, int width, int height, double fps,
                                         H264Settings settings, Path source) throws IOException {
        var videoFile = new PartialFile(files.video(taskId));
        var annotationsFile = new PartialFile(files.annotations(taskId));
        Files.createDirectories(files.directory());
        BufferedWriter annotations = Files.newBufferedWriter(annotationsFile.claim(), StandardCharsets.UTF_8);
        try {
            H264Mp4Writer video = H264Mp4Writer.open(videoFile.claim(), width, height, fps, settings);
            return new TaskResultsWriter(taskId, videoFile, annotationsFile, video, annotations, source);
        } catch (IOException | RuntimeException e) {
            annotations.close();
            annotationsFile.discard();
            videoFile.discard();
            throw e;
        }
    }

    /**
     * Appends one frame: its annotated image to the video and its results to the JSON Lines.
     *
     * @param frame     the frame's record, whose results become its line
     * @param annotated the frame's image with the results drawn on it
     */
    public void write(FrameRecord frame, Mat annotated) throws IOException {
        video.write(annotated);
        annotations.write(FrameResultsJson.line(frame));
        annotations.write('\n');
        framesWritten++;
    }

    /** Also sends the encoded video, packet by packet, to {@code live} (null for none). */
    public void streamTo(PacketSink live) {
        if (live != null) {
            video.streamTo(live);
        }
    }

    /** A copy of the encoded stream's format, for a live output. */
    public StreamFormat streamFormat() {
        return video.streamFormat();
    }

    public long framesWritten() {
        return framesWritten;
    }

    /** Pushes the buffered annotation lines to the file, which also shows the task is being written. */
    public void flush() throws IOException {
        annotations.flush();
    }

    /**
     * Whether both partial files are still the ones this writer created: false once another instance took
     * the task over and started its files again.
     */
    public boolean ownsFiles() throws IOException {
        return videoFile.isOurs() && annotationsFile.isOurs();
    }

    /** Whether the task's partial files were removed under this writer: the task was cancelled or deleted. */
    public boolean filesRemoved() {
        return videoFile.wasRemoved() || annotationsFile.wasRemoved();
    }

    /**
     * Completes both files, gives the video the source's audio track if it has one, and moves them to their
     * final names (annotations first, then the video). Fails, moving nothing, when another instance has taken
     * the task over meanwhile.
     */
    public void finish() throws IOException {
        try {
            annotations.close();
            video.finish();
        } finally {
            close();
        }
        if (!ownsFiles()) {
            throw new IOException("another instance took the task over; its results are not moved into place here");
        }
        PartialFile result = withSourceAudio();
        annotationsFile.commit();
        result.commit();
        if (result != videoFile) {
            videoFile.discard();
        }
    }

    /**
     * The finished video with the source's audio added, as a partial file of its own; the video as it is
     * when the source has no audio, is gone, or its audio cannot be read: the annotated video is the result
     * that matters, so a sound problem costs the sound, not the task.
     */
    private PartialFile withSourceAudio() throws IOException {
        if (source == null) {
            return videoFile;
        }
        if (!Files.isRegularFile(source)) {
            log.warn("Task {}: its upload {} is no longer there; the result has no audio", taskId, source);
            return videoFile;
        }
        Path target = videoFile.target();
        var muxed = new PartialFile(target, ResultFiles.partial(target.resolveSibling(taskId + WITH_AUDIO)));
        try {
            if (SourceAudioMuxer.mux(videoFile.path(), source, muxed.claim())) {
                return muxed;
            }
            muxed.discard();
        } catch (IOException | RuntimeException e) {
            log.warn("Task {}: cannot add the audio of {}; the result has no audio: {}", taskId, source, e.toString());
            muxed.discard();
        }
        return videoFile;
    }

    /** Stops writing and deletes the partial files if they are still this writer's; what was moved into place stays. */
    public void abort() throws IOException {
        close();
        annotationsFile.discard();
        videoFile.discard();
    }

    /** Releases the encoder and the JSON file without completing them; does nothing once finished. */
    @Override
    public void close() throws IOException {
        try {
            video.close();
        } finally {
            annotations.close();
        }
    }
}
