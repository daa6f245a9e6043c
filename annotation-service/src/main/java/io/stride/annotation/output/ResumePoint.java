package io.stride.annotation.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The last durable point of a task's results: the video segments closed so far and how much of the JSON Lines
 * belongs to their frames. A writer records it, atomically, each time it closes a segment; an instance that
 * meets the task mid-stream goes on from it instead of rebuilding the task from frame 0, which the topic's
 * retention may no longer hold. Kept as {@code {id}.resume.part}, so the backend serves nothing of it and an
 * abandoned one is swept with the other partial files.
 *
 * @param format           how the segments were encoded and cut: segments join by stream copy only when all
 *                         were encoded alike
 * @param segmentBytes     the size of each closed segment in order: a segment that is not exactly as recorded
 *                         was not left by the writer of this point (another instance replaced it)
 * @param annotationsBytes the length of the JSON Lines once the closed segments' frames were written
 */
public record ResumePoint(VideoFormat format, List<Long> segmentBytes, long annotationsBytes) {

    private static final String SUFFIX = ".resume.part";
    private static final String NEXT_SUFFIX = ".resume.next.part";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ResumePoint {
        segmentBytes = List.copyOf(segmentBytes);
    }

    /** Where a task's resume point is kept. */
    public static Path file(Path directory, String taskId) {
        return directory.resolve(taskId + SUFFIX);
    }

    /** The frames the closed segments hold, which are the first frames of the task. */
    public long framesDurable() {
        return (long) format.segmentFrames() * segmentBytes.size();
    }

    /** The task's recorded point; empty when there is none (no segment was closed yet). */
    static Optional<ResumePoint> read(Path file) throws IOException {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), ResumePoint.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JacksonException e) {
            throw new IOException(file.getFileName() + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Replaces the recorded point with this one, atomically: a crash leaves the old point or the new one,
     * never a torn file.
     */
    void write(Path file) throws IOException {
        Path next = file.resolveSibling(file.getFileName().toString().replace(SUFFIX, NEXT_SUFFIX));
        try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(this)));
            channel.force(true);
        }
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
