package io.stride.core.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a model service runs ONNX Runtime.
 *
 * @param device          {@code auto} uses CUDA when a GPU is usable and the CPU otherwise
 * @param intraOpThreads  threads inside one operator; 1 is fastest on a 2-core machine where decoding and
 *                        encoding already keep the other core busy (see shared/BASELINE.md)
 * @param interOpThreads  threads across independent operators
 * @param gpuDeviceId     CUDA device ordinal
 */
@Validated
@ConfigurationProperties("stride.inference")
public record InferenceProperties(
        @DefaultValue("auto") @NotNull Device device,
        @DefaultValue("1") @Min(0) @Max(256) int intraOpThreads,
        @DefaultValue("1") @Min(0) @Max(256) int interOpThreads,
        @DefaultValue("0") @Min(0) int gpuDeviceId) {

    /** Where inference runs. */
    public enum Device { AUTO, CPU, CUDA }
}
