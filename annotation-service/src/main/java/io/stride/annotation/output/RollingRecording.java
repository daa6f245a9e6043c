package io.stride.annotation.output;

import io.stride.core.frame.FrameRecord;
import io.stride.core.result.RecordedSegment;
import io.stride.core.result.RecordingManifest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live task's (a camera's) results: rolling recordings instead of one MP4. Frames go to a segment, a
 * standalone MP4 timed by the frames' own timestamps ({@link TimedMp4Writer}) with its JSON Lines, both under
 * {@code .part} names; a frame {@code segmentDuration} or more after the segment's first ({@link SegmentCut})
 * closes it: both files are made durable, moved to their final names ({@code 000001.mp4},
 * {@code 000001.jsonl}) and listed in the task's {@link RecordingManifest}, and the oldest segments beyond the
 * size or age limit go ({@link RecordingRetention}). Nothing is ever joined: at end-of-stream the open segment
 * is closed the same way and the manifest marked complete.
 *
 * <p>The manifest is also the task's resume point: an instance that meets the task mid-stream goes on at its
 * {@code nextFrame}, in a new segment; the unfinished segment of the previous writer is discarded and written
 * again. As for uploads, the partial files are the ownership token: a writer whose partial files were replaced
 * lost the task to another instance and neither lists nor deletes anything. Closed segments are results and
 * stay when a task is given up ({@link #abort()}); only the unfinished segment goes.
 */
public final class RollingRecording implements TaskOutput {

    private static final Logger log = LoggerFactory.getLogger(RollingRecording.class);
    /** A segment's files, complete or partial. */
    private static final Pattern SEGMENT_FILE = Pattern.compile("(\\d{6,9})\\.(mp4|jsonl)(\\.part)?");

    private final String taskId;
    private final Path directory;
    private final VideoFormat format;
    private final SegmentCut cut;
    private final RecordingRetention retention;
    private final Clock clock;
    private RecordingManifest manifest;
    private Segment current;
    private LiveSink live;
    private long liveOriginUs;
    private boolean open = true;

    private RollingRecording(String taskId, Path directory, VideoFormat format, RecordingProperties settings,
                             Clock clock, RecordingManifest manifest) {
        this.taskId = taskId;
        this.directory = directory;
        this.format = format;
        this.cut = settings.cut();
        this.retention = settings.retention();
        this.clock = clock;
        this.manifest = manifest;
    }

    /**
     * Takes the task's recording over in {@code directory} (its segments directory): its closed segments stay and
     * the next frame written is the manifest's {@code nextFrame} (0 for a new task). Segment files the manifest
     * does not list (an unfinished segment, one retention was deleting) go.
     */
    static RollingRecording open(Path directory, String taskId, VideoFormat format, RecordingProperties settings,
                                 Clock clock) throws IOException {
        Files.createDirectories(directory);
        RecordingManifest manifest = readManifest(directory, taskId);
        deleteUnlisted(directory, manifest);
        // Written at once, so that a restarted instance knows the task for a live one even before a segment closes.
        manifest.write(directory);
        var recording = new RollingRecording(taskId, directory, format, settings, clock, manifest);
        recording.current = recording.new Segment(manifest.nextNumber(), manifest.nextFrame());
        if (manifest.nextFrame() > 0) {
            log.info("Task {}: recording goes on at frame {}, segment {}", taskId, manifest.nextFrame(),
                    RecordedSegment.name(manifest.nextNumber()));
        }
        return recording;
    }

    private static RecordingManifest readManifest(Path directory, String taskId) {
        try {
            return RecordingManifest.read(directory).orElse(RecordingManifest.EMPTY);
        } catch (IOException e) {
            log.warn("Task {}: {}; recording again from frame 0", taskId, e.getMessage());
            return RecordingManifest.EMPTY;
        }
    }

    private static void deleteUnlisted(Path directory, RecordingManifest manifest) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher segment = SEGMENT_FILE.matcher(file.getFileName().toString());
                if (segment.matches() && (segment.group(3) != null
                        || manifest.segment(RecordedSegment.name(Integer.parseInt(segment.group(1)))).isEmpty())) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Appends one frame; the first one {@code segmentDuration} after the segment's start goes to a new segment. */
    @Override
    public long pointRecordedBy(FrameRecord frame) {
        return closesSegmentBefore(frame) ? framesWritten() : -1;
    }

    private boolean closesSegmentBefore(FrameRecord frame) {
        return current != null && current.frames() > 0
                && cut.startsNewSegment(current.writer.startPtsUs(), frame.ptsMicros());
    }

    @Override
    public void write(FrameRecord frame, Mat annotated) throws IOException {
        if (!open) {
            throw new IllegalStateException("recording is closed");
        }
        if (closesSegmentBefore(frame)) {
            closeCurrent();
            current = new Segment(manifest.nextNumber(), manifest.nextFrame());
            if (live != null) {
                current.writer.streamTo(live, liveOriginUs);
            }
        }
        if (live != null && !live.attached) {
            live.attached = true;
            liveOriginUs = frame.ptsMicros();
            current.writer.streamTo(live, liveOriginUs);
        }
        current.write(frame, annotated);
    }

    /** Closes the segment being written, lists it, and deletes what the retention no longer keeps. */
    private void closeCurrent() throws IOException {
        RecordedSegment closed = current.complete(clock.instant());
        current = null;
        manifest = manifest.withClosed(closed);
        manifest.write(directory);
        log.info("Task {}: segment {} closed: frames {}-{}, {} bytes", taskId, closed.name(), closed.startFrame(),
                closed.endFrame() - 1, closed.bytes());
        applyRetention();
    }

    private void applyRetention() throws IOException {
        List<RecordedSegment> expired = retention.expired(manifest.segments(), clock.instant());
        if (expired.isEmpty()) {
            return;
        }
        // Unlisted first: a listed segment always has its files.
        manifest = manifest.without(expired);
        manifest.write(directory);
        for (RecordedSegment segment : expired) {
            Files.deleteIfExists(segment.video(directory));
            Files.deleteIfExists(segment.annotations(directory));
            log.info("Task {}: segment {} deleted by the recording's retention", taskId, segment.name());
        }
    }

    /** The next frame is a keyframe; the packets are timed in microseconds from that frame on. */
    @Override
    public void streamTo(PacketSink sink) {
        if (sink != null) {
            live = new LiveSink(sink);
        }
    }

    @Override
    public StreamFormat streamFormat() {
        return current.writer.streamFormat();
    }

    @Override
    public long framesWritten() {
        return manifest.nextFrame() + (current == null ? 0 : current.frames());
    }

    @Override
    public long framesDurable() {
        return manifest.nextFrame();
    }

    @Override
    public void flush() throws IOException {
        if (current != null) {
            current.lines.flush();
        }
    }

    @Override
    public boolean ownsFiles() throws IOException {
        return current == null || (current.video.isOurs() && current.annotations.isOurs());
    }

    @Override
    public boolean filesRemoved() {
        return current != null && (current.video.wasRemoved() || current.annotations.wasRemoved());
    }

    /**
     * Closes the segment being written (an empty one is dropped) and marks the recording complete. Fails,
     * listing nothing, when another instance took the task over meanwhile.
     */
    @Override
    public void finish() throws IOException {
        try {
            if (!ownsFiles()) {
                throw new IOException("another instance took the task over; its recording is not completed here");
            }
            if (current.frames() > 0) {
                closeCurrent();
            } else {
                current.discard();
                current = null;
            }
            manifest = manifest.completed();
            manifest.write(directory);
        } finally {
            close();
        }
    }

    /** Stops writing and deletes the unfinished segment, if still this writer's; the closed segments stay. */
    @Override
    public void abort() throws IOException {
        close();
        if (current != null) {
            current.discard();
        }
    }

    /** Stops writing; the unfinished segment goes, the next instance goes on after the closed ones. */
    @Override
    public boolean suspend() throws IOException {
        abort();
        return manifest.nextFrame() > 0;
    }

    @Override
    public void close() throws IOException {
        if (!open) {
            return;
        }
        open = false;
        try {
            if (current != null) {
                current.close();
            }
        } finally {
            if (live != null) {
                live.end();
            }
        }
    }

    /** One segment being written: its MP4 and JSON Lines under their partial names. */
    private final class Segment {

        final int number;
        final long startFrame;
        final PartialFile video;
        final PartialFile annotations;
        final TimedMp4Writer writer;
        final FileChannel channel;
        final Writer lines;

        Segment(int number, long startFrame) throws IOException {
            this.number = number;
            this.startFrame = startFrame;
            this.video = new PartialFile(RecordedSegment.video(directory, number));
            this.annotations = new PartialFile(RecordedSegment.annotations(directory, number));
            this.channel = FileChannel.open(annotations.claim(), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            this.lines = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
            try {
                this.writer = TimedMp4Writer.open(video.claim(), format.width(), format.height(), format.fps(),
                        format.encoder());
            } catch (IOException | RuntimeException e) {
                lines.close();
                annotations.discard();
                video.discard();
                throw e;
            }
        }

        long frames() {
            return writer.framesWritten();
        }

        void write(FrameRecord frame, Mat annotated) throws IOException {
            lines.write(FrameResultsJson.line(frame));
            lines.write('\n');
            writer.write(annotated, frame.ptsMicros());
        }

        /** Completes both files and moves them to their final names: the JSON Lines first, then the MP4. */
        RecordedSegment complete(Instant endedAt) throws IOException {
            writer.finish();
            lines.flush();
            channel.force(false);
            lines.close();
            if (!video.isOurs() || !annotations.isOurs()) {
                throw new IOException("segment " + RecordedSegment.name(number)
                        + " was replaced by another instance that took the task over");
            }
            annotations.commit();
            video.commit();
            return new RecordedSegment(number, startFrame, writer.framesWritten(), writer.startPtsUs(),
                    writer.durationUs(), Files.size(video.target()), Files.size(annotations.target()),
                    endedAt.toEpochMilli());
        }

        void close() throws IOException {
            try {
                writer.close();
            } finally {
                lines.close();
            }
        }

        void discard() throws IOException {
            close();
            video.discard();
            annotations.discard();
        }
    }

    /**
     * The live output across segments, from the first frame after it was attached. One that fails is dropped
     * and logged: it never costs the recording a frame.
     */
    private final class LiveSink implements PacketSink {

        private final PacketSink target;
        boolean attached;

        LiveSink(PacketSink target) {
            this.target = target;
        }

        @Override
        public void accept(AVPacket packet, AVRational timeBase) {
            if (live != this) {
                return;
            }
            try {
                target.accept(packet, timeBase);
            } catch (IOException | RuntimeException e) {
                log.warn("Task {}: live output dropped: {}", taskId, e.getMessage());
                live = null;
                target.end();
            }
        }

        @Override
        public void end() {
            target.end();
        }
    }
}
