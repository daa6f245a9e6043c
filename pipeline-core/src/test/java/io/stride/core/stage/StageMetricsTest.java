package io.stride.core.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class StageMetricsTest {

    @Test
    void aWarmUpsPhasesAndBatchesAreNotCountedATasksAre() throws Exception {
        var registry = new SimpleMeterRegistry();
        var metrics = new StageMetrics(registry, "yolox");

        metrics.unrecorded(() -> {
            metrics.inferenceBatch(2);
            return metrics.time("inference", () -> 42);
        });
        int answer = metrics.time("inference", () -> 7);
        metrics.inferenceBatch(1);

        assertThat(answer).isEqualTo(7);
        assertThat(registry.get("stride.stage.phase.seconds").tag("phase", "inference").timer().count()).isEqualTo(1);
        assertThat(registry.get("stride.inference.batch.size").summary().count()).isEqualTo(1);
        assertThat(registry.get("stride.inference.batch.size").summary().totalAmount()).isEqualTo(1);
    }
}
