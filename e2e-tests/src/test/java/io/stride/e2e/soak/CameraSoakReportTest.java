package io.stride.e2e.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CameraSoakReportTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void flatHeapBoundedDiskAndOneReconnectPass() {
        List<CameraSample> samples = List.of(sample(1, 100, 5 * MIB, 5, 5, 0), sample(2, 102, 9 * MIB, 9, 9, 0),
                sample(3, 101, 11 * MIB, 10, 12, 1), sample(4, 103, 11 * MIB, 10, 14, 1),
                sample(5, 100, 10 * MIB, 10, 16, 1), sample(6, 104, 11 * MIB, 10, 18, 1));

        CameraSoakReport.Verdict verdict = CameraSoakReport.verdict(samples,
                new CameraSoakReport.Bounds(16, 10 * MIB, 1));

        assertThat(verdict.passed()).as(String.join("\n", verdict.lines())).isTrue();
        // first third: 100, 102 → 101; last third: 100, 104 → 102
        assertThat(CameraSoakReport.growth(samples, CameraSample::heapMib)).containsEntry("yolox", 1.0);
        assertThat(verdict.lines().get(1)).contains("at most 11.0 MiB, bound 11.0 MiB").contains("8 segments deleted");
    }

    @Test
    void aGrowingHeapADiskPastTheBoundAndAMissingReconnectFail() {
        List<CameraSample> samples = new ArrayList<>();
        for (int minute = 1; minute <= 6; minute++) {
            samples.add(sample(minute, 100 + 20 * minute, minute * 4 * MIB, minute, minute, 0));
        }

        CameraSoakReport.Verdict verdict = CameraSoakReport.verdict(samples,
                new CameraSoakReport.Bounds(16, 10 * MIB, 1));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.lines()).allMatch(line -> line.startsWith("FAIL"));
        assertThat(verdict.lines().get(1)).contains("retention not exercised");
    }

    @Test
    void theTableHasOneRowPerSampleWithEachServicesMemory() {
        String table = CameraSoakReport.table(List.of(sample(1, 100, 5 * MIB, 5, 5, 0)));

        assertThat(table.lines()).hasSize(3);
        assertThat(table).contains("RSS MiB b/y").contains("| 1 | live | 500/600 | 200/100 | 5.0 | 5 | 5 | 3 |");
    }

    private static CameraSample sample(double minute, double yoloxHeap, long disk, int segments, int newest,
                                       long reconnects) {
        Map<String, Double> rss = new LinkedHashMap<>(Map.of("backend", 500.0));
        rss.put("yolox", 600.0);
        Map<String, Double> heap = new LinkedHashMap<>(Map.of("backend", 200.0));
        heap.put("yolox", yoloxHeap);
        return new CameraSample(minute, rss, heap, disk, segments, newest, MIB, 3 * MIB, "live", 30, 10, 100,
                reconnects);
    }
}
