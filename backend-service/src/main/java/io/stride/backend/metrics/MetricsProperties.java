package io.stride.backend.metrics;

import io.stride.core.topic.Stage;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the backend measures of the whole pipeline beyond its own work.
 *
 * @param lagInterval  how often the consumer lag of every stage is measured; default 5s, a third of Prometheus'
 *                     usual 15 s scrape interval, so every scrape sees a fresh value
 * @param adminTimeout longest wait for one answer of the broker while measuring lag; default 5s
 * @param stages       the stage services in flow order, by their {@code stride.stage.name}: the n-th consumes the
 *                     n-th topic family ({@code raw_frames}, {@code yolox}, {@code bytetrack}, {@code rtmpose}) in
 *                     consumer group {@code stride-<name>}; default {@code yolox, bytetrack, rtmpose, annotation}
 */
@Validated
@ConfigurationProperties("stride.metrics")
public record MetricsProperties(
        @DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration lagInterval,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration adminTimeout,
        @DefaultValue({"yolox", "bytetrack", "rtmpose", "annotation"}) @NotEmpty List<String> stages) {

    public MetricsProperties {
        if (stages != null && stages.size() != Stage.values().length) {
            throw new IllegalArgumentException("stride.metrics.stages must name one stage per topic family "
                    + List.of(Stage.values()) + ", got " + stages);
        }
    }

    /** Each stage service with the topic family it consumes. */
    public List<StageConsumer> consumers() {
        Stage[] inputs = Stage.values();
        return IntStream.range(0, inputs.length).mapToObj(i -> new StageConsumer(stages.get(i), inputs[i])).toList();
    }
}
