package io.stride.annotation.analytics;

import io.stride.core.analytics.AnalysisState;
import io.stride.core.analytics.AnalyticsJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A running task's analysis state as of its last durable point, {@code {task}.analytics-state.part}: an analysis
 * state after frame {@code D-1} belongs with the durable point of {@code D} frames. The state before it stays
 * beside it ({@code .analytics-state.previous.part}): a state kept just before its point is recorded (a camera's
 * segment is closed when the next frame comes) is past the point that a crash in between leaves. {@code .part}
 * names, so the backend serves nothing of them and abandoned ones are swept with the task's other partial files.
 */
record AnalysisStateFile(Path file, Path previous, Path next) {

    private static final String SUFFIX = ".analytics-state.part";
    private static final String PREVIOUS_SUFFIX = ".analytics-state.previous.part";
    private static final String NEXT_SUFFIX = ".analytics-state.next.part";

    static AnalysisStateFile of(Path directory, String taskId) {
        return new AnalysisStateFile(directory.resolve(taskId + SUFFIX), directory.resolve(taskId + PREVIOUS_SUFFIX),
                directory.resolve(taskId + NEXT_SUFFIX));
    }

    /** The latest state recorded; empty when there is none. */
    Optional<AnalysisState> read() throws IOException {
        return read(file);
    }

    /**
     * The latest state recorded that is not past the durable point of {@code framesDurable} frames; empty when
     * there is none.
     */
    Optional<AnalysisState> readFor(long framesDurable) throws IOException {
        for (Path candidate : new Path[] {file, previous}) {
            Optional<AnalysisState> state = read(candidate);
            if (state.isPresent() && state.get().lastFrame() < framesDurable) {
                return state;
            }
        }
        return Optional.empty();
    }

    /** Replaces the recorded state, atomically, keeping the one it replaces as the previous state. */
    void write(AnalysisState state) throws IOException {
        if (Files.exists(file)) {
            Files.move(file, previous, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        AtomicFile.write(file, next, AnalyticsJson.state(state));
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(previous);
    }

    private static Optional<AnalysisState> read(Path file) throws IOException {
        try {
            return Optional.of(AnalyticsJson.readState(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new IOException(file.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
    }
}
