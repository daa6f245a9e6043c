package io.stride.annotation.output;

import io.stride.core.frame.FrameRecord;
import io.stride.core.result.ResultFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The result files of one task while it runs: the annotated MP4 and the per-frame JSON Lines, both written
 * under their {@code .part} names and moved to their final names by {@link #finish()}.
 */
public final class TaskResultsWriter implements AutoCloseable {

    private final PartialFile videoFile;
    private final PartialFile annotationsFile;
    private final H264Mp4Writer video;
    private final BufferedWriter annotations;
    private long framesWritten;

    private TaskResultsWriter(PartialFile videoFile, PartialFile annotationsFile, H264Mp4Writer video,
                              BufferedWriter annotations) {
        this.videoFile = videoFile;
        this.annotationsFile = annotationsFile;
        this.video = video;
        this.annotations = annotations;
    }

    /**
     * Creates the task's partial files, replacing the leftovers of an earlier attempt (an instance that was
     * killed, or that lost the task to this one), and starts the encoder.
     */
    public static TaskResultsWriter open(ResultFiles files, String taskId, int width, int height, double fps,
                                         H264Settings settings) throws IOException {
        var videoFile = new PartialFile(files.video(taskId));
        var annotationsFile = new PartialFile(files.annotations(taskId));
        Files.createDirectories(files.directory());
        BufferedWriter annotations = Files.newBufferedWriter(annotationsFile.claim(), StandardCharsets.UTF_8);
        try {
            H264Mp4Writer video = H264Mp4Writer.open(videoFile.claim(), width, height, fps, settings);
            return new TaskResultsWriter(videoFile, annotationsFile, video, annotations);
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

    /**
     * Completes both files and moves them to their final names (annotations first, then the video). Fails,
     * moving nothing, when another instance has taken the task over meanwhile.
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
        annotationsFile.commit();
        videoFile.commit();
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
