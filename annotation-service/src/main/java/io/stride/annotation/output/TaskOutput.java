package io.stride.annotation.output;

import io.stride.core.frame.FrameRecord;
import java.io.IOException;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * What the annotation stage writes a task's frames to: an upload's result files ({@link TaskResultsWriter}) or a
 * camera's rolling recording ({@link RollingRecording}). Either is durable in closed segments, so a task met
 * mid-stream goes on after the last one ({@link #framesWritten()}).
 */
public interface TaskOutput extends AutoCloseable {

    /**
     * The durable point, in frames, that writing {@code frame} will record: {@link #framesWritten()} when the
     * segment before the frame is closed first, one more when the frame ends a segment; -1 for none.
     */
    long pointRecordedBy(FrameRecord frame);

    /** Appends one frame: its annotated image to the video, its results to the JSON Lines. */
    void write(FrameRecord frame, Mat annotated) throws IOException;

    /** Also sends the encoded video, packet by packet, to {@code live} (null for none). */
    void streamTo(PacketSink live);

    /** A copy of the encoded stream's format, for a live output. */
    StreamFormat streamFormat();

    /** Frames written, counting those of the closed segments taken over. */
    long framesWritten();

    /**
     * The frames of the task's last durable point as this writer knows it, 0 for none: the frames an instance that
     * meets the task mid-stream goes on after. It grows when {@link #write} closes a segment, and only then.
     */
    long framesDurable();

    /** Pushes buffered annotation lines to the file, which also shows the task is being written. */
    void flush() throws IOException;

    /** Whether the task's files are still this writer's, not replaced by an instance that took the task over. */
    boolean ownsFiles() throws IOException;

    /** Whether the task's partial files were removed under this writer: the task was cancelled or deleted. */
    boolean filesRemoved();

    /** Completes the task's results after its last frame. */
    void finish() throws IOException;

    /** Stops writing and deletes what is not a result; see each implementation for what stays. */
    void abort() throws IOException;

    /**
     * Stops writing but keeps what is durable for the next instance to resume from.
     *
     * @return whether the task was left resumable
     */
    boolean suspend() throws IOException;

    /** Releases the encoder and files without completing them. */
    @Override
    void close() throws IOException;
}
