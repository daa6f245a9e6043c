package io.stride.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageFrameCounterTest {

    @Test
    void sumsTheFramesOutSamplesOnly() {
        String exposition = """
                # HELP stride_stage_frames_out_total Frames a stage produced
                # TYPE stride_stage_frames_out_total counter
                stride_stage_frames_out_total{application="yolox-service",stage="yolox"} 240.0
                stride_stage_frames_out_total{application="yolox-service",stage="other"} 1.0E1
                stride_stage_frames_in_total{application="yolox-service",stage="yolox"} 999.0
                """;

        assertThat(StageFrameCounter.parse(exposition)).isEqualTo(250);
        assertThat(StageFrameCounter.parse("# nothing yet\n")).isZero();
    }
}
