package io.stride.annotation.analytics;

import io.stride.core.analytics.TrackedFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads frames back from a task's JSON Lines as written so far (its partial file), for an analysis that resumes
 * behind the task's durable point: those lines are exactly what the analysis saw, since it is fed the same
 * rounded boxes.
 */
record WrittenTracks(Path annotations) {

    /** Every line of the writer starts so; the frame number is read from there without parsing lines skipped. */
    private static final String FRAME_PREFIX = "{\"frame\":";

    /**
     * Gives the frames {@code from..until-1} to {@code frames}, in order.
     *
     * @throws IOException when the file does not hold each of them, once and in order
     */
    void read(long from, long until, Consumer<TrackedFrame> frames) throws IOException {
        long expected = from;
        try (BufferedReader lines = Files.newBufferedReader(annotations, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null && expected < until; line = lines.readLine()) {
                long frame = frameOf(line);
                if (frame < from) {
                    continue;
                }
                if (frame != expected) {
                    throw new IOException(annotations.getFileName() + " has frame " + frame + " where frame "
                            + expected + " belongs");
                }
                frames.accept(TrackedFrame.parse(line));
                expected++;
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(annotations.getFileName() + ": " + e.getMessage(), e);
        }
        if (expected < until) {
            throw new IOException(annotations.getFileName() + " ends before frame " + expected);
        }
    }

    private long frameOf(String line) throws IOException {
        int end = line.indexOf(',', FRAME_PREFIX.length());
        if (!line.startsWith(FRAME_PREFIX) || end < 0) {
            throw new IOException(annotations.getFileName() + " has a line that is not a frame's");
        }
        try {
            return Long.parseLong(line, FRAME_PREFIX.length(), end, 10);
        } catch (NumberFormatException e) {
            throw new IOException(annotations.getFileName() + " has a line without a frame number", e);
        }
    }
}
