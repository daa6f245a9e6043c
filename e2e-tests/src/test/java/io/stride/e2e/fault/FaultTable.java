package io.stride.e2e.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault suite's report: one row per fault with what should happen, what did, and the frames lost and doubled.
 * Rewritten to its file after every row, so that a suite cut short still leaves what it saw.
 */
final class FaultTable {

    /** Shown for frames lost or doubled where no result could be audited. */
    static final String NOT_AUDITED = "–";

    private final List<Row> rows = new ArrayList<>();
    private final Path file;

    /** @param file where the Markdown table is written */
    FaultTable(Path file) {
        this.file = file;
    }

    /**
     * One fault's outcome.
     *
     * @param lost    frames lost, or null where the task's results were not audited
     * @param doubled frames doubled, or null likewise
     */
    record Row(String fault, String expected, String observed, Integer lost, Integer doubled) {
    }

    /** What a test notes while it runs; recorded as a row when it ends. */
    static final class Observation {
        private String observed;
        private Integer lost;
        private Integer doubled;

        void observed(String text) {
            observed = text;
        }

        /** Adds the frames lost and doubled of one audited task (a fault with several tasks adds them all). */
        void frames(FrameAudit audit) {
            lost = (lost == null ? 0 : lost) + audit.lost();
            doubled = (doubled == null ? 0 : doubled) + audit.doubled();
        }
    }

    /** A fault test's body, which may throw; it notes what it saw in the {@link Observation}. */
    @FunctionalInterface
    interface FaultRun {
        void run(Observation observation) throws Exception;
    }

    /**
     * Runs {@code test} and records its row whatever happens; a test that fails before noting what it observed gets
     * the failure as its observation. Rethrows the failure.
     */
    void record(String fault, String expected, FaultRun test) throws Exception {
        var observation = new Observation();
        try {
            test.run(observation);
        } catch (Exception | AssertionError e) {
            if (observation.observed == null) {
                observation.observed = "test failed: " + firstLine(e);
            }
            throw e;
        } finally {
            add(new Row(fault, expected, observation.observed == null ? "(nothing noted)" : observation.observed,
                    observation.lost, observation.doubled));
        }
    }

    synchronized void add(Row row) {
        rows.add(row);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The rows as a Markdown table; a {@code |} inside a cell is escaped. */
    synchronized String markdown() {
        var out = new StringBuilder("| fault | expected | observed | frames lost | frames doubled |\n")
                .append("|---|---|---|---:|---:|\n");
        for (Row row : rows) {
            out.append("| ").append(cell(row.fault())).append(" | ").append(cell(row.expected())).append(" | ")
                    .append(cell(row.observed())).append(" | ").append(count(row.lost())).append(" | ")
                    .append(count(row.doubled())).append(" |\n");
        }
        return out.toString();
    }

    private static String count(Integer frames) {
        return frames == null ? NOT_AUDITED : frames.toString();
    }

    private static String cell(String text) {
        return text.replace("\n", " ").replace("|", "\\|");
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse(message);
    }
}
