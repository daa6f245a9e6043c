package io.stride.annotation.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A task's video as closed MP4 segments of {@code segmentFrames} frames each, each one encoded by an encoder
 * of its own and so starting with an IDR keyframe; {@link #finish} joins them by stream copy. A closed segment
 * is final: an instance that takes the task over keeps it and encodes only from the next segment on, so
 * resuming never needs more frames than one segment's worth. Segments are cut at multiples of
 * {@code segmentFrames} only, so a resumed task's segments are those an uninterrupted run writes.
 *
 * <p>The packets also go, as produced, to a live sink ({@link #streamTo}) with the task's own frame numbers
 * as their timestamps, across segments.
 */
public final class SegmentedMp4Writer implements AutoCloseable {

    private static final Pattern SEGMENT_NAME = Pattern.compile("\\.segment-(\\d{6})\\.mp4\\.part");

    private final Path directory;
    private final String taskId;
    private final VideoFormat format;
    private final int segmentFrames;
    private final List<PartialFile> closed;
    private PartialFile currentFile;
    private H264Mp4Writer current;
    private PacketSink live;
    private boolean open = true;

    private SegmentedMp4Writer(Path directory, String taskId, VideoFormat format, List<PartialFile> closed) {
        this.directory = directory;
        this.taskId = taskId;
        this.format = format;
        this.segmentFrames = format.segmentFrames();
        this.closed = closed;
    }

    /**
     * Starts writing the task's video at frame {@code closedSegments.size() * format.segmentFrames()}, after the
     * closed segments given (none for a new task), which this writer takes over. Segment files of the task
     * from the first one it writes on are the leftovers of an earlier writer and go.
     *
     * @param closedSegments complete segments of {@code format.segmentFrames()} frames each, in order
     */
    public static SegmentedMp4Writer open(Path directory, String taskId, VideoFormat format,
                                          List<Path> closedSegments) throws IOException {
        if (format.segmentFrames() < 1) {
            throw new IllegalArgumentException("segments must hold at least one frame: " + format.segmentFrames());
        }
        List<PartialFile> closed = new ArrayList<>();
        for (int index = 0; index < closedSegments.size(); index++) {
            PartialFile segment = segmentFile(directory, taskId, index);
            if (!segment.path().equals(closedSegments.get(index))) {
                throw new IllegalArgumentException("segment " + index + " is " + segment.path() + ", not "
                        + closedSegments.get(index));
            }
            segment.adopt();
            closed.add(segment);
        }
        deleteSegmentsFrom(directory, taskId, closed.size());
        var writer = new SegmentedMp4Writer(directory, taskId, format, closed);
        writer.startSegment();
        return writer;
    }

    /** Where segment {@code index} of a task is written. */
    public static Path segmentPath(Path directory, String taskId, int index) {
        return directory.resolve(String.format("%s.segment-%06d.mp4.part", taskId, index));
    }

    /** Encodes the next frame, an 8-bit BGR image of the task's size. */
    public void write(Mat bgr) throws IOException {
        if (!open) {
            throw new IllegalStateException("writer is closed");
        }
        current.write(bgr);
    }

    /** Whether the segment being written holds {@code segmentFrames} frames: time to {@link #closeSegment}. */
    /** Whether the next frame written fills the segment being written. */
    public boolean nextFrameFillsSegment() {
        return current.framesWritten() + 1 == segmentFrames;
    }

    public boolean segmentFull() {
        return current.framesWritten() == segmentFrames;
    }

    /**
     * Completes the segment being written and makes it durable; the next frame starts a new one. Returns
     * normally only once the segment is on disk whole.
     */
    public void closeSegment() throws IOException {
        completeSegment();
        startSegment();
    }

    /** All frames written, in closed segments and the one being written. */
    public long framesWritten() {
        return (long) closed.size() * segmentFrames + current.framesWritten();
    }

    /** The sizes of the closed segments, in order. */
    public List<Long> closedSegmentBytes() throws IOException {
        List<Long> sizes = new ArrayList<>(closed.size());
        for (PartialFile segment : closed) {
            sizes.add(Files.size(segment.path()));
        }
        return sizes;
    }

    /**
     * Also hands the packets of every following frame to {@code sink}, timed by the task's frame numbers. The
     * next frame is a keyframe: a segment's first is anyway, and one met mid-segment is forced to be.
     */
    public void streamTo(PacketSink sink) {
        live = sink;
        current.streamTo(new SegmentLive(closed.size() * (long) segmentFrames));
    }

    /** A copy of the encoded stream's format, for a live output; every segment's is the same. */
    public StreamFormat streamFormat() {
        return current.streamFormat();
    }

    /**
     * Completes the last segment and joins all into {@code output} (faststart) by stream copy. The segment
     * files stay until {@link #deleteSegments}, so a failure here leaves the task resumable.
     */
    public void finish(Path output) throws IOException {
        if (current.framesWritten() > 0) {
            completeSegment();
        } else {
            discardUnfinished();
        }
        close();
        List<Path> segments = closed.stream().map(PartialFile::path).toList();
        Mp4SegmentJoiner.join(segments, output);
    }

    /** Whether the segment being written is still this writer's: false once another instance took the task over. */
    public boolean ownsFiles() throws IOException {
        return currentFile == null || currentFile.isOurs();
    }

    /** Whether the segment being written was removed under this writer (the task was cancelled). */
    public boolean filesRemoved() {
        return currentFile != null && currentFile.wasRemoved();
    }

    /** Deletes the segment being written, if still this writer's: it is not durable. Closed ones stay. */
    public void discardUnfinished() throws IOException {
        close();
        if (currentFile != null) {
            currentFile.discard();
            currentFile = null;
        }
    }

    /** Deletes every segment file this writer holds: the segment being written and the closed ones. */
    public void deleteSegments() throws IOException {
        discardUnfinished();
        for (PartialFile segment : closed) {
            segment.discard();
        }
    }

    /** Releases the encoder without completing the segment being written; ends the live stream. */
    @Override
    public void close() {
        if (open) {
            open = false;
            current.close();
            if (live != null) {
                live.end();
            }
        }
    }

    private void completeSegment() throws IOException {
        current.finish();
        if (!currentFile.isOurs()) {
            throw new IOException(currentFile.path().getFileName()
                    + " was replaced by another instance that took the task over");
        }
        currentFile.sync();
        closed.add(currentFile);
        currentFile = null;
    }

    private void startSegment() throws IOException {
        currentFile = segmentFile(directory, taskId, closed.size());
        current = H264Mp4Writer.open(currentFile.claim(), format.width(), format.height(), format.fps(),
                format.encoder());
        if (live != null) {
            current.streamTo(new SegmentLive(closed.size() * (long) segmentFrames));
        }
    }

    private static PartialFile segmentFile(Path directory, String taskId, int index) {
        Path path = segmentPath(directory, taskId, index);
        return new PartialFile(path, path);
    }

    private static void deleteSegmentsFrom(Path directory, String taskId, int firstIndex) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                Matcher segment = SEGMENT_NAME.matcher(name.substring(Math.min(name.length(), taskId.length())));
                if (name.startsWith(taskId) && segment.matches() && Integer.parseInt(segment.group(1)) >= firstIndex) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * Each segment's encoder numbers its frames from 0; the live stream numbers the task's. A live sink that
     * fails is dropped for the segments after too (the segment's writer drops it for its own).
     */
    private final class SegmentLive implements PacketSink {

        private final long firstFrame;

        SegmentLive(long firstFrame) {
            this.firstFrame = firstFrame;
        }

        @Override
        public void accept(AVPacket packet, AVRational timeBase) throws IOException {
            PacketSink sink = live;
            if (sink == null) {
                return;
            }
            // The encoder's time base is one frame, so its pts are frame numbers.
            packet.pts(packet.pts() + firstFrame).dts(packet.dts() + firstFrame);
            try {
                sink.accept(packet, timeBase);
            } catch (IOException | RuntimeException e) {
                live = null;
                sink.end();
                throw e;
            } finally {
                packet.pts(packet.pts() - firstFrame).dts(packet.dts() - firstFrame);
            }
        }
    }
}
