package io.stride.annotation.output;

import io.stride.core.result.ResultFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A result file written under its {@code .part} name and renamed over the final name only when complete,
 * so the backend never serves half a file.
 *
 * <p>The partial name is the same for every instance of the service, so a writer remembers which file it
 * created (its file key, the inode on Unix): an instance that lost the task to another one (a rebalance)
 * must neither move nor delete the file the new owner created under the same name.
 */
final class PartialFile {

    private final Path target;
    private final Path partial;
    private boolean claimed;
    private Object createdKey;

    PartialFile(Path target) {
        this(target, ResultFiles.partial(target));
    }

    PartialFile(Path target, Path partial) {
        this.target = target;
        this.partial = partial;
    }

    /**
     * Replaces whatever is under the partial name (the leftover of an instance that stopped mid-task) with a
     * new empty file of this writer's own, and returns its path. Writers then open it without recreating it.
     */
    Path claim() throws IOException {
        Files.deleteIfExists(partial);
        // A new file, not the old one truncated: the old one's key must stop matching for its former writer.
        Files.createFile(partial);
        createdKey = keyOf(partial);
        claimed = true;
        return partial;
    }

    /**
     * As {@link #claim()}, but the new file starts with the first {@code bytes} bytes of the one under the
     * partial name (a predecessor's durable prefix): copied into a file of this writer's own and renamed over
     * the partial name, so the predecessor, should it still run, writes on into a file nobody will read.
     *
     * @throws IOException when there is no such file or it is shorter than {@code bytes}
     */
    Path claimWithPrefix(long bytes) throws IOException {
        Path copy = partial.resolveSibling(partial.getFileName() + ".resumed.part");
        try (FileChannel from = FileChannel.open(partial, StandardOpenOption.READ);
             FileChannel to = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE)) {
            if (from.size() < bytes) {
                throw new IOException(partial.getFileName() + " holds " + from.size() + " bytes, not the "
                        + bytes + " recorded as durable");
            }
            for (long copied = 0; copied < bytes; ) {
                copied += from.transferTo(copied, bytes - copied, to);
            }
            to.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        Files.move(copy, partial, StandardCopyOption.ATOMIC_MOVE);
        createdKey = keyOf(partial);
        claimed = true;
        return partial;
    }

    /**
     * Takes over the complete file already under the partial name (a closed segment a predecessor left), so
     * that this writer may later move or delete it.
     */
    void adopt() throws IOException {
        createdKey = keyOf(partial);
        claimed = true;
    }

    /** Makes what was written durable, without moving the file. */
    void sync() throws IOException {
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Where to write. */
    Path path() {
        return partial;
    }

    Path target() {
        return target;
    }

    /** Whether this writer created the file and someone else removed it since (the task was cancelled). */
    boolean wasRemoved() {
        return claimed && !Files.exists(partial);
    }

    /** Whether the file under the partial name is still the one this writer claimed. */
    boolean isOurs() throws IOException {
        if (!claimed) {
            return false;
        }
        try {
            Object current = keyOf(partial);
            // A file system without file keys cannot tell two files apart: trust the name.
            return current == null || current.equals(createdKey);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Makes the content durable, then atomically replaces the final name with it. */
    void commit() throws IOException {
        if (!isOurs()) {
            throw new IOException(partial.getFileName() + " was replaced by another instance that took the task over");
        }
        // Without the sync a crash just after the rename could leave the final name pointing at empty blocks.
        sync();
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        claimed = false;
    }

    /** Deletes the partial file if it is still this writer's; returns whether it did. */
    boolean discard() throws IOException {
        boolean deleted = isOurs() && Files.deleteIfExists(partial);
        claimed = false;
        return deleted;
    }

    private static Object keyOf(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }
}
