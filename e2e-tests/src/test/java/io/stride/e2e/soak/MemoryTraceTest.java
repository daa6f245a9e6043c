package io.stride.e2e.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stride.e2e.soak.MemoryTrace.Sample;
import org.junit.jupiter.api.Test;

class MemoryTraceTest {

    @Test
    void keepsOneSampleAFrameCountSoTimeSpentWaitingDoesNotWeighTheSlope() {
        MemoryTrace trace = new MemoryTrace();
        trace.add(new Sample(0, 100, 50));
        trace.add(new Sample(100, 110, 50));
        trace.add(new Sample(100, 900, 50));
        trace.add(new Sample(200, 120, 60));
        trace.add(new Sample(150, 0, 0));

        assertThat(trace.samples()).extracting(Sample::frame).containsExactly(0L, 100L, 200L);
    }

    @Test
    void theResidentSetAtAFrameIsTheFirstSampleAtOrAfterIt() {
        MemoryTrace trace = trace();

        assertThat(trace.at(150)).contains(new Sample(200, 120, 60));
        assertThat(trace.at(100)).contains(new Sample(100, 110, 60));
        assertThat(trace.at(301)).isEmpty();
    }

    @Test
    void slopesAreLeastSquaresInMibPerThousandFrames() {
        MemoryTrace trace = trace();

        // RSS rises 10 MiB every 100 frames; off-heap (RSS − heap) 50, 50, 60, 70 over frames 0..300.
        assertThat(trace.rssSlope(0)).isCloseTo(100.0, within(1e-9));
        assertThat(trace.offHeapSlope(0)).isCloseTo(70.0, within(1e-9));
        assertThat(trace.rssSlope(100)).isCloseTo(100.0, within(1e-9));
        assertThat(trace.offHeapSlope(100)).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void aFlatTraceHasSlopeZeroAndTooFewSamplesHaveNone() {
        MemoryTrace flat = new MemoryTrace();
        for (int frame = 0; frame <= 1000; frame += 100) {
            flat.add(new Sample(frame, 512, 256));
        }

        assertThat(flat.rssSlope(100)).isZero();
        assertThat(flat.rssSlope(1000)).isNaN();
        assertThat(new MemoryTrace().rssSlope(0)).isNaN();
    }

    private static MemoryTrace trace() {
        MemoryTrace trace = new MemoryTrace();
        trace.add(new Sample(0, 100, 50));
        trace.add(new Sample(100, 110, 60));
        trace.add(new Sample(200, 120, 60));
        trace.add(new Sample(300, 130, 60));
        return trace;
    }
}
