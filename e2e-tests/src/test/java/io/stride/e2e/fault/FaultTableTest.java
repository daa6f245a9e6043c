package io.stride.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultTableTest {

    @TempDir
    Path dir;

    @Test
    void aPassingFaultIsRecordedWithItsFramesAndWrittenAtOnce() throws Exception {
        var table = new FaultTable(dir.resolve("sub/table.md"));

        table.record("kill a", "completes", row -> {
            row.frames(FrameAudit.of(3, List.of(0, 1, 1, 2), List.of(0, 1, 2)));
            row.frames(FrameAudit.of(2, List.of(0), List.of(0, 1)));
            row.observed("completed | twice");
        });

        assertThat(table.rows()).containsExactly(new FaultTable.Row("kill a", "completes", "completed | twice", 1, 1));
        assertThat(Files.readString(dir.resolve("sub/table.md"))).isEqualTo("""
                | fault | expected | observed | frames lost | frames doubled |
                |---|---|---|---:|---:|
                | kill a | completes | completed \\| twice | 1 | 1 |
                """);
    }

    @Test
    void aFailureBeforeAnyObservationBecomesTheObservationAndIsRethrown() {
        var table = new FaultTable(dir.resolve("table.md"));

        assertThatThrownBy(() -> table.record("kill b", "completes", row -> {
            throw new AssertionError("\ntask still running after PT3M\nmore");
        })).isInstanceOf(AssertionError.class);

        assertThat(table.rows()).containsExactly(new FaultTable.Row("kill b", "completes",
                "test failed: task still running after PT3M", null, null));
        assertThat(table.markdown()).endsWith("| kill b | completes | test failed: task still running after PT3M | – | – |\n");
    }

    @Test
    void aFailureAfterTheObservationKeepsIt() {
        var table = new FaultTable(dir.resolve("table.md"));

        assertThatThrownBy(() -> table.record("kill c", "completes", row -> {
            row.observed("failed: stage x");
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(table.rows()).extracting(FaultTable.Row::observed).containsExactly("failed: stage x");
    }
}
