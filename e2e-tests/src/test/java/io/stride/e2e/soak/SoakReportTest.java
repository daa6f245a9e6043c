package io.stride.e2e.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.e2e.soak.MemoryTrace.Sample;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoakReportTest {

    @Test
    void aTableRowPerServiceWithItsVerdictAgainstTheBound() {
        SoakRun run = run();

        assertThat(SoakReport.render(run, 5)).isEqualTo("""
                | service | RSS @ 100 | RSS @ 500 | RSS @ 1000 | peak RSS | RSS slope | off-heap slope | off-heap slope ≤ 5.0 |
                |---|---:|---:|---:|---:|---:|---:|---|
                | yolox | 400 | 402 | 404 | 410 | +4.4 | +4.4 | yes |
                | rtmpose | 300 | 340 | 390 | 395 | +100.0 | +0.0 | yes |
                | annotation | 300 | 340 | 390 | 391 | +100.0 | +100.0 | **no** |
                | bytetrack | 200 | – | – | 201 | – | – | **no** |

                RSS and peak in MiB; slopes in MiB per 1,000 frames, least squares over frames 100–1000 (after the \
                warm-up); off-heap = RSS outside the Java heap's address range.
                """);
    }

    @Test
    void servicesOverTheBoundOrWithoutASlopeFail() {
        assertThat(SoakReport.overBound(run(), 5)).containsExactly("annotation", "bytetrack");
        assertThat(SoakReport.overBound(run(), 100.5)).containsExactly("bytetrack");
    }

    @Test
    void checkpointsAndWarmUpAreTenthsOfTheRun() {
        SoakRun run = new SoakRun(10_000, Map.of(), Map.of());

        assertThat(run.checkpoints()).containsExactly(1_000L, 5_000L, 10_000L);
        assertThat(run.warmupFrames()).isEqualTo(1_000);
    }

    private static SoakRun run() {
        Map<String, MemoryTrace> traces = new LinkedHashMap<>();
        traces.put("yolox", trace(new Sample(0, 300, 100), new Sample(100, 400, 200), new Sample(500, 402, 200),
                new Sample(1000, 404, 200)));
        // The heap growing into its reservation: RSS rises, the rest stays flat.
        traces.put("rtmpose", trace(new Sample(0, 300, 100), new Sample(100, 300, 200),
                new Sample(500, 340, 240), new Sample(1000, 390, 290)));
        // A native leak: the same RSS, all of it outside the heap.
        traces.put("annotation", trace(new Sample(0, 300, 100), new Sample(100, 300, 200),
                new Sample(500, 340, 200), new Sample(1000, 390, 200)));
        // Stopped early: one sample after the warm-up gives no slope.
        traces.put("bytetrack", trace(new Sample(0, 190, 100), new Sample(300, 200, 100)));
        return new SoakRun(1000, traces, Map.of("yolox", 410L, "rtmpose", 395L, "annotation", 391L,
                "bytetrack", 201L));
    }

    private static MemoryTrace trace(Sample... samples) {
        MemoryTrace trace = new MemoryTrace();
        for (Sample sample : samples) {
            trace.add(sample);
        }
        return trace;
    }
}
