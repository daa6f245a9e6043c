package io.stride.annotation.analytics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Replaces a small file by writing its next content beside it and moving that over it: never half a file. */
final class AtomicFile {

    private AtomicFile() {
    }

    /**
     * @param next where the content is written first: a {@code .part} name, so one left by a crash is swept with
     *             the task's other partial files and never served
     */
    static void write(Path file, Path next, String content) throws IOException {
        try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        }
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
