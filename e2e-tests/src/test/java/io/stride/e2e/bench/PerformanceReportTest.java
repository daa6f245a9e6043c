package io.stride.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceReportTest {

    @TempDir
    Path dir;

    @Test
    void aNewFileGetsATitleAndTheGeneratedSection() throws Exception {
        Path file = dir.resolve("docs/performance.md");

        PerformanceReport.write(file, "| a |\n");

        assertThat(Files.readString(file)).isEqualTo("# Performance\n\n" + PerformanceReport.BEGIN + "\n| a |\n"
                + PerformanceReport.END + "\n");
    }

    @Test
    void theNextRunReplacesOnlyTheGeneratedSection() throws Exception {
        Path file = dir.resolve("performance.md");
        Files.writeString(file, "# Performance\n\nWhy it is slow.\n\n" + PerformanceReport.BEGIN + "\n| old |\n"
                + PerformanceReport.END + "\n\n## Findings\nKeep me.\n");

        PerformanceReport.write(file, "| new |\n");

        assertThat(Files.readString(file)).isEqualTo("# Performance\n\nWhy it is slow.\n\n" + PerformanceReport.BEGIN
                + "\n| new |\n" + PerformanceReport.END + "\n\n## Findings\nKeep me.\n");
    }

    @Test
    void aFileWithoutTheMarkersKeepsItsTextAndGetsTheSectionAppended() throws Exception {
        Path file = dir.resolve("performance.md");
        Files.writeString(file, "# Notes\n");

        PerformanceReport.write(file, "| t |\n");

        assertThat(Files.readString(file)).isEqualTo("# Notes\n\n" + PerformanceReport.BEGIN + "\n| t |\n"
                + PerformanceReport.END + "\n");
    }

    @Test
    void aBudgetSaysWhetherItWasMetAndOtherwiseByHowMuch() {
        assertThat(PerformanceReport.verdict(6.3, 7, 1, "")).isEqualTo("≤ 7.0: met");
        assertThat(PerformanceReport.verdict(7, 7, 1, "")).isEqualTo("≤ 7.0: met");
        assertThat(PerformanceReport.verdict(1.5, 0.8, 1, "")).isEqualTo("≤ 0.8: **missed by 0.7**");
        assertThat(PerformanceReport.verdict(7.75, 5, 1, " s")).isEqualTo("≤ 5.0 s: **missed by 2.8 s**");
    }
}
