package io.stride.annotation.output;

import io.stride.core.result.ResultFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A result file written under its {@code .part} name and renamed over the final name only when complete,
 * so the backend never serves half a file.
 */
final class PartialFile {

    private final Path target;
    private final Path partial;

    PartialFile(Path target) {
        this.target = target;
        this.partial = ResultFiles.partial(target);
    }

    /** Where to write. */
    Path path() {
        return partial;
    }

    Path target() {
        return target;
    }

    /** Makes the content durable, then atomically replaces the final name with it. */
    void commit() throws IOException {
        // Without the sync a crash just after the rename could leave the final name pointing at empty blocks.
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the partial file if it exists; returns whether it did. */
    boolean discard() throws IOException {
        return Files.deleteIfExists(partial);
    }
}
