package io.stride.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    /** The shape Micrometer's Prometheus registry gives a stage timer with a percentile histogram. */
    private static final PrometheusText SCRAPE = new PrometheusText("""
            # HELP stride_stage_phase_seconds Time of one phase
            # TYPE stride_stage_phase_seconds histogram
            stride_stage_phase_seconds_bucket{phase="inference",stage="yolox",le="0.01"} 3
            stride_stage_phase_seconds_count{phase="inference",stage="yolox"} 40
            stride_stage_phase_seconds_sum{phase="inference",stage="yolox"} 0.625
            stride_stage_phase_seconds_sum{phase="decode",stage="yolox"} 0.125
            stride_stage_phase_seconds_sum{phase="preprocess",stage="yolox"} 2.5E-2
            stride_stage_batch_seconds_sum{stage="yolox"} 0.875
            stride_stage_batch_seconds_sum_extra{stage="yolox"} 100
            """);

    @Test
    void sumsTheSamplesOfOneMetricWhoseLabelsMatch() {
        assertThat(SCRAPE.sum("stride_stage_phase_seconds_sum", Map.of("phase", "inference"))).isEqualTo(0.625);
        assertThat(SCRAPE.sum("stride_stage_phase_seconds_sum", Map.of("stage", "yolox"))).isEqualTo(0.775);
    }

    @Test
    void aMetricWhoseNameOnlyStartsTheSameIsAnother() {
        assertThat(SCRAPE.sum("stride_stage_batch_seconds_sum", Map.of())).isEqualTo(0.875);
    }

    @Test
    void groupsByALabelInTheOrderOfItsValues() {
        assertThat(SCRAPE.sumsBy("stride_stage_phase_seconds_sum", "phase", Map.of("stage", "yolox")))
                .containsExactly(Map.entry("decode", 0.125), Map.entry("inference", 0.625),
                        Map.entry("preprocess", 0.025));
    }

    @Test
    void aMetricNotExportedYetSumsToZero() {
        assertThat(SCRAPE.sum("stride_stage_phase_seconds_sum", Map.of("stage", "annotation"))).isZero();
        assertThat(new PrometheusText("").sumsBy("stride_stage_batch_seconds_sum", "stage", Map.of())).isEmpty();
    }
}
