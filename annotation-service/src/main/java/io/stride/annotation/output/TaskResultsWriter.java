package io.stride.annotation.output;

import io.stride.core.frame.FrameRecord;
import io.stride.core.result.ResultFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result files of one task while it runs: the annotated video, as closed segments ({@link SegmentedMp4Writer}),
 * and the per-frame JSON Lines under its {@code .part} name. Each time a segment is closed the JSON Lines are
 * made durable too and the pair is recorded as the task's {@link ResumePoint}; an instance that meets the task
 * mid-stream later goes on from there ({@link #open}). {@link #finish()} joins the segments, adds the source's
 * audio track and moves both files to their final names.
 *
 * <p>The JSON Lines' partial file is the task's ownership token: every writer, new or resuming, puts a file of
 * its own under that name. A writer whose token was replaced lost the task to another instance: it neither
 * records a resume point nor moves or deletes anything but its own unfinished segment, since the closed
 * segments and the resume point are now the new owner's.
 */
public final class TaskResultsWriter implements TaskOutput {

    /** Name of the MP4 with the audio added, while it is written (with {@code .part}): task id first, like all. */
    private static final String WITH_AUDIO = ".with-audio.mp4";

    private static final Logger log = LoggerFactory.getLogger(TaskResultsWriter.class);

    private final String taskId;
    private final VideoFormat format;
    private final PartialFile videoFile;
    private final PartialFile annotationsFile;
    private final Path resumeFile;
    private final SegmentedMp4Writer video;
    private final FileChannel annotationsChannel;
    private final Writer annotations;
    private final Path source;
    /** Whether a resume point of this writer's segments is on disk: then stopping keeps the task resumable. */
    private boolean resumable;
    /** The frames of the last resume point this writer took over or recorded. */
    private long framesDurable;

    private TaskResultsWriter(String taskId, VideoFormat format, PartialFile videoFile, PartialFile annotationsFile,
                              Path resumeFile, SegmentedMp4Writer video, FileChannel annotationsChannel, Path source,
                              boolean resumable) {
        this.taskId = taskId;
        this.format = format;
        this.videoFile = videoFile;
        this.annotationsFile = annotationsFile;
        this.resumeFile = resumeFile;
        this.video = video;
        this.annotationsChannel = annotationsChannel;
        this.annotations = new BufferedWriter(Channels.newWriter(annotationsChannel, StandardCharsets.UTF_8));
        this.source = source;
        this.resumable = resumable;
        this.framesDurable = video.framesWritten();
    }

    /**
     * Takes the task's partial files over. When the task's resume point fits (same size, rate, encoder
     * settings and segment length, its segments as recorded), the writer goes on from it: its closed segments
     * are kept, the JSON Lines cut back to their frames, and {@link #framesWritten()} says where it goes on.
     * Otherwise it starts from frame 0, replacing any leftovers of an earlier attempt.
     *
     * @param source the task's uploaded video, whose audio track the finished MP4 gets; null for none
     */
    public static TaskResultsWriter open(ResultFiles files, String taskId, VideoFormat format, Path source)
            throws IOException {
        Files.createDirectories(files.directory());
        var videoFile = new PartialFile(files.video(taskId));
        var annotationsFile = new PartialFile(files.annotations(taskId));
        Path resumeFile = ResumePoint.file(files.directory(), taskId);
        Optional<ResumePoint> point = claimAnnotations(annotationsFile, resumeFile, taskId, format);
        if (point.isEmpty()) {
            Files.deleteIfExists(resumeFile);
        }
        FileChannel channel = FileChannel.open(annotationsFile.path(), StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try {
            List<Path> closedSegments = point.map(p -> segmentPaths(files.directory(), taskId, p)).orElse(List.of());
            SegmentedMp4Writer video = SegmentedMp4Writer.open(files.directory(), taskId, format, closedSegments);
            return new TaskResultsWriter(taskId, format, videoFile, annotationsFile, resumeFile, video, channel,
                    source, point.isPresent());
        } catch (IOException | RuntimeException e) {
            channel.close();
            annotationsFile.discard();
            throw e;
        }
    }

    /**
     * Puts a JSON Lines file of this writer's own under the partial name: the recorded durable prefix of the
     * one there when the resume point is usable, else an empty one.
     */
    private static Optional<ResumePoint> claimAnnotations(PartialFile annotationsFile, Path resumeFile,
                                                          String taskId, VideoFormat format) throws IOException {
        Optional<ResumePoint> point = usableResumePoint(resumeFile, taskId, format);
        if (point.isPresent()) {
            try {
                annotationsFile.claimWithPrefix(point.get().annotationsBytes());
                return point;
            } catch (IOException e) {
                log.warn("Task {}: cannot resume, the annotations are not as recorded ({}); starting from frame 0",
                        taskId, e.getMessage());
            }
        }
        annotationsFile.claim();
        return Optional.empty();
    }

    private static Optional<ResumePoint> usableResumePoint(Path resumeFile, String taskId, VideoFormat format) {
        Optional<ResumePoint> read;
        try {
            read = ResumePoint.read(resumeFile);
        } catch (IOException e) {
            log.warn("Task {}: {}; starting from frame 0", taskId, e.getMessage());
            return Optional.empty();
        }
        if (read.isEmpty()) {
            return read;
        }
        ResumePoint point = read.get();
        if (!point.format().equals(format)) {
            log.warn("Task {}: its resume point was written with other settings ({}); starting from frame 0",
                    taskId, point);
            return Optional.empty();
        }
        List<Path> segments = segmentPaths(resumeFile.getParent(), taskId, point);
        for (int i = 0; i < segments.size(); i++) {
            if (sizeOf(segments.get(i)) != point.segmentBytes().get(i)) {
                log.warn("Task {}: segment {} is not as its resume point records; starting from frame 0", taskId, i);
                return Optional.empty();
            }
        }
        return read;
    }

    private static List<Path> segmentPaths(Path directory, String taskId, ResumePoint point) {
        return IntStream.range(0, point.segmentBytes().size())
                .mapToObj(index -> SegmentedMp4Writer.segmentPath(directory, taskId, index)).toList();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Appends one frame: its annotated image to the video and its results to the JSON Lines. The frame that
     * fills a segment closes it and records the new resume point.
     *
     * @param frame     the frame's record, whose results become its line
     * @param annotated the frame's image with the results drawn on it
     */
    public long pointRecordedBy(FrameRecord frame) {
        return video.nextFrameFillsSegment() ? framesWritten() + 1 : -1;
    }

    @Override
    public void write(FrameRecord frame, Mat annotated) throws IOException {
        annotations.write(FrameResultsJson.line(frame));
        annotations.write('\n');
        video.write(annotated);
        if (video.segmentFull()) {
            video.closeSegment();
            recordResumePoint();
        }
    }

    /**
     * Makes the JSON Lines durable up to the frames of the closed segments and records that point, unless
     * another instance took the task over meanwhile: the point on disk is then its own.
     */
    private void recordResumePoint() throws IOException {
        annotations.flush();
        annotationsChannel.force(false);
        if (!ownsFiles()) {
            log.warn("Task {}: another instance took the task over; not recording a resume point", taskId);
            return;
        }
        ResumePoint point = new ResumePoint(format, video.closedSegmentBytes(), annotationsChannel.size());
        point.write(resumeFile);
        resumable = true;
        framesDurable = point.framesDurable();
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

    /** Frames written, counting those of the closed segments a resumed writer took over. */
    public long framesWritten() {
        return video.framesWritten();
    }

    @Override
    public long framesDurable() {
        return framesDurable;
    }

    /** Pushes the buffered annotation lines to the file, which also shows the task is being written. */
    public void flush() throws IOException {
        annotations.flush();
    }

    /**
     * Whether the task's files are still this writer's: false once another instance took the task over and
     * put files of its own under the partial names.
     */
    public boolean ownsFiles() throws IOException {
        return annotationsFile.isOurs() && video.ownsFiles();
    }

    /** Whether the task's partial files were removed under this writer: the task was cancelled or deleted. */
    public boolean filesRemoved() {
        return annotationsFile.wasRemoved() || video.filesRemoved();
    }

    /**
     * Joins the segments, gives the video the source's audio track if it has one, and moves both files to their
     * final names (annotations first, then the video); then the segments and the resume point go. Fails, moving
     * nothing, when another instance has taken the task over meanwhile.
     */
    public void finish() throws IOException {
        try {
            annotations.flush();
            annotationsChannel.force(false);
            annotations.close();
            if (!ownsFiles()) {
                throw new IOException("another instance took the task over; its results are not moved into place here");
            }
            video.finish(videoFile.claim());
        } finally {
            close();
        }
        PartialFile result = withSourceAudio();
        annotationsFile.commit();
        result.commit();
        if (result != videoFile) {
            videoFile.discard();
        }
        // The resume point first: one left behind must never name segments that are gone.
        Files.deleteIfExists(resumeFile);
        video.deleteSegments();
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

    /**
     * Stops writing and deletes the partial files, the closed segments and the resume point, unless another
     * instance holds the task now; what was moved into place stays.
     */
    public void abort() throws IOException {
        closeDiscardingErrors();
        if (!annotationsFile.isOurs() && !annotationsFile.wasRemoved()) {
            video.discardUnfinished();
            return;
        }
        Files.deleteIfExists(resumeFile);
        video.deleteSegments();
        annotationsFile.discard();
        videoFile.discard();
    }

    /**
     * Stops writing but keeps the task resumable by the next instance: the closed segments, the resume point
     * and the JSON Lines stay, the unfinished segment goes. Without a resume point there is nothing to resume
     * from, and this is {@link #abort()}.
     *
     * @return whether the task was left resumable
     */
    public boolean suspend() throws IOException {
        if (!resumable) {
            abort();
            return false;
        }
        close();
        video.discardUnfinished();
        return true;
    }

    /**
     * Closes what is about to be deleted. Flushing it may fail (a full disk is a common reason to abort), and that
     * must not keep its space from being freed.
     */
    private void closeDiscardingErrors() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            log.debug("Task {}: closing the files to be deleted: {}", taskId, e.toString());
        }
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
