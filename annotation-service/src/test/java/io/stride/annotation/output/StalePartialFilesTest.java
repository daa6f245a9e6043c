package io.stride.annotation.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StalePartialFilesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration MAX_IDLE = Duration.ofMinutes(10);
    private static final String ABANDONED = "0b7c6f3e-1d2a-4c5b-9e8f-7a6b5c4d3e2f";
    private static final String ACTIVE_ELSEWHERE = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
    private static final String OPEN_HERE = "11111111-2222-4333-8444-555555555555";

    @TempDir
    Path dir;

    @Test
    void deletesOnlyTheTasksWhosePartialFilesAreAllOlderThanTheIdleLimit() throws Exception {
        file(ABANDONED + ".mp4.part", 11);
        file(ABANDONED + ".jsonl.part", 11);
        // Its MP4 has not been flushed for a while, but its annotations were written a minute ago.
        file(ACTIVE_ELSEWHERE + ".mp4.part", 30);
        file(ACTIVE_ELSEWHERE + ".jsonl.part", 1);
        file(OPEN_HERE + ".mp4.part", 60);
        file(ABANDONED + ".mp4", 60);
        file("notes.part", 60);

        var deleted = new StalePartialFiles(dir, MAX_IDLE).sweep(NOW, Set.of(OPEN_HERE));

        assertThat(deleted).containsExactlyInAnyOrder(dir.resolve(ABANDONED + ".mp4.part"),
                dir.resolve(ABANDONED + ".jsonl.part"));
        assertThat(names()).containsExactlyInAnyOrder(ACTIVE_ELSEWHERE + ".mp4.part", ACTIVE_ELSEWHERE + ".jsonl.part",
                OPEN_HERE + ".mp4.part", ABANDONED + ".mp4", "notes.part");
    }

    @Test
    void aMissingDirectoryHasNothingToSweep() throws Exception {
        assertThat(new StalePartialFiles(dir.resolve("absent"), MAX_IDLE).sweep(NOW, Set.of())).isEmpty();
    }

    private void file(String name, int minutesAgo) throws Exception {
        Path file = Files.writeString(dir.resolve(name), "x");
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(Duration.ofMinutes(minutesAgo))));
    }

    private Set<String> names() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return Set.copyOf(files.map(f -> f.getFileName().toString()).toList());
        }
    }
}
