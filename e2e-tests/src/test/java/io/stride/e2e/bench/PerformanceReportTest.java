package io.stride.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceReportTest {

    private static final PerformanceReport.Section OFF = PerformanceReport.POSE_OFF;
    private static final PerformanceReport.Section ON = PerformanceReport.POSE_ON;

    @TempDir
    Path dir;

    @Test
    void aNewFileGetsATitleAndTheGeneratedSection() throws Exception {
        Path file = dir.resolve("docs/performance.md");

        PerformanceReport.write(file, "| a |\n", OFF);

        assertThat(Files.readString(file)).isEqualTo("# Performance\n\n" + OFF.begin() + "\n| a |\n"
                + OFF.end() + "\n");
    }

    @Test
    void theNextRunReplacesOnlyTheGeneratedSection() throws Exception {
        Path file = dir.resolve("performance.md");
        Files.writeString(file, "# Performance\n\nWhy it is slow.\n\n" + OFF.begin() + "\n| old |\n"
                + OFF.end() + "\n\n## Findings\nKeep me.\n");

        PerformanceReport.write(file, "| new |\n", OFF);

        assertThat(Files.readString(file)).isEqualTo("# Performance\n\nWhy it is slow.\n\n" + OFF.begin()
                + "\n| new |\n" + OFF.end() + "\n\n## Findings\nKeep me.\n");
    }

    @Test
    void aFileWithoutTheMarkersKeepsItsTextAndGetsTheSectionAppended() throws Exception {
        Path file = dir.resolve("performance.md");
        Files.writeString(file, "# Notes\n");

        PerformanceReport.write(file, "| t |\n", OFF);

        assertThat(Files.readString(file)).isEqualTo("# Notes\n\n" + OFF.begin() + "\n| t |\n"
                + OFF.end() + "\n");
    }

    @Test
    void aRunWithPoseOnReplacesItsOwnSectionAndLeavesThePoseOffTables() throws Exception {
        Path file = dir.resolve("performance.md");
        String poseOff = OFF.begin() + "\n| off |\n" + OFF.end() + "\n";
        Files.writeString(file, "# Performance\n\n" + poseOff + "\n## Pose on\n\n" + ON.begin() + "\n| old |\n"
                + ON.end() + "\n\nKeep me.\n");

        PerformanceReport.write(file, "| on |\n", ON);

        assertThat(Files.readString(file)).isEqualTo("# Performance\n\n" + poseOff + "\n## Pose on\n\n" + ON.begin()
                + "\n| on |\n" + ON.end() + "\n\nKeep me.\n");
    }

    @Test
    void theFirstRunWithPoseOnAppendsItsSectionAfterThePoseOffOne() throws Exception {
        Path file = dir.resolve("performance.md");
        String poseOff = "# Performance\n\n" + OFF.begin() + "\n| off |\n" + OFF.end() + "\n";
        Files.writeString(file, poseOff);

        PerformanceReport.write(file, "| on |\n", ON);

        assertThat(Files.readString(file)).isEqualTo(poseOff + "\n" + ON.begin() + "\n| on |\n" + ON.end() + "\n");
    }

    @Test
    void aBudgetSaysWhetherItWasMetAndOtherwiseByHowMuch() {
        assertThat(PerformanceReport.verdict(6.3, 7, 1, "")).isEqualTo("≤ 7.0: met");
        assertThat(PerformanceReport.verdict(7, 7, 1, "")).isEqualTo("≤ 7.0: met");
        assertThat(PerformanceReport.verdict(1.5, 0.8, 1, "")).isEqualTo("≤ 0.8: **missed by 0.7**");
        assertThat(PerformanceReport.verdict(7.75, 5, 1, " s")).isEqualTo("≤ 5.0 s: **missed by 2.8 s**");
    }
}
