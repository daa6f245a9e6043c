package io.stride.annotation.analytics;

import io.stride.core.analytics.AnalysisState;
import io.stride.core.analytics.AnalyticsJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A running task's analysis state as of its last durable point, {@code {task}.analytics-state.part}: an analysis
 * state after frame {@code D-1} belongs with the durable point of {@code D} frames. A {@code .part} name, so the
 * backend serves nothing of it and an abandoned one is swept with the task's other partial files.
 */
record AnalysisStateFile(Path file, Path next) {

    private static final String SUFFIX = ".analytics-state.part";
    private static final String NEXT_SUFFIX = ".analytics-state.next.part";

    static AnalysisStateFile of(Path directory, String taskId) {
        return new AnalysisStateFile(directory.resolve(taskId + SUFFIX), directory.resolve(taskId + NEXT_SUFFIX));
    }

    /** The state recorded; empty when there is none. */
    Optional<AnalysisState> read() throws IOException {
        try {
            return Optional.of(AnalyticsJson.readState(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new IOException(file.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Replaces the recorded state, atomically: a crash leaves the old state or the new one. */
    void write(AnalysisState state) throws IOException {
        AtomicFile.write(file, next, AnalyticsJson.state(state));
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
