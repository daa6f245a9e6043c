package io.stride.core.result;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The closed segments of a live task's rolling recording, oldest first, kept as {@code manifest.json} in the
 * task's segments directory ({@link ResultFiles#segments}). The annotation service is its only writer and
 * replaces it atomically after each change, so a reader (the backend's listing) sees the old list or the new one.
 * A segment is listed only once both its files are complete under their final names, and is unlisted before its
 * files are deleted; it is also where a restarted writer goes on from ({@link #nextFrame}).
 *
 * @param nextFrame  the first frame after the closed segments, kept when retention deleted them all
 * @param nextNumber the number the next segment gets
 * @param complete   whether the task ended (its end-of-stream was met) and its last segment was closed
 * @param segments   the closed segments still kept, oldest first
 */
public record RecordingManifest(long nextFrame, int nextNumber, boolean complete, List<RecordedSegment> segments) {

    /** The manifest's name in the segments directory. */
    public static final String FILE = "manifest.json";
    /** A task whose first segment is not closed yet. */
    public static final RecordingManifest EMPTY = new RecordingManifest(0, 1, false, List.of());

    private static final String NEXT = FILE + ".next.part";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public RecordingManifest {
        segments = List.copyOf(segments);
    }

    /** The manifest in {@code segments}; empty when there is none. */
    public static Optional<RecordingManifest> read(Path segments) throws IOException {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(segments.resolve(FILE)), RecordingManifest.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JacksonException e) {
            throw new IOException(FILE + " in " + segments + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** Whether {@code segments} has a manifest: the task is a live one whose recording was started. */
    public static boolean exists(Path segments) {
        return Files.isRegularFile(segments.resolve(FILE));
    }

    /** Replaces the manifest in {@code segments} with this one, atomically and durably. */
    public void write(Path segments) throws IOException {
        Path next = segments.resolve(NEXT);
        try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(this)));
            channel.force(true);
        }
        Files.move(next, segments.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
    }

    /** This manifest with {@code segment}, just closed, added as the newest. */
    public RecordingManifest withClosed(RecordedSegment segment) {
        if (segment.startFrame() != nextFrame || segment.number() != nextNumber) {
            throw new IllegalArgumentException("segment " + segment + " does not follow frame " + nextFrame
                    + ", number " + nextNumber);
        }
        List<RecordedSegment> closed = new ArrayList<>(segments);
        closed.add(segment);
        return new RecordingManifest(segment.endFrame(), nextNumber + 1, complete, closed);
    }

    /** This manifest without the segments given. */
    public RecordingManifest without(List<RecordedSegment> removed) {
        return new RecordingManifest(nextFrame, nextNumber, complete,
                segments.stream().filter(segment -> !removed.contains(segment)).toList());
    }

    /** This manifest of a task that ended. */
    public RecordingManifest completed() {
        return new RecordingManifest(nextFrame, nextNumber, true, segments);
    }

    /** The kept segment called {@code name}, if any. */
    public Optional<RecordedSegment> segment(String name) {
        return segments.stream().filter(segment -> segment.name().equals(name)).findFirst();
    }
}
