package io.stride.core.stage;

import io.stride.core.topic.Stage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where a stage sits in the chain and how it consumes.
 *
 * @param name             the stage's name in events and its consumer group ({@code stride-<name>})
 * @param input            the topic family consumed by pattern
 * @param output           the topic family produced to; empty for the last stage
 * @param concurrency      consumer threads; tasks (one partition each) are spread over them
 * @param maxPollRecords   most records of all tasks taken in one poll; bounds the batch handed to the processor
 * @param pollTimeout      how long one poll waits for records
 * @param progressInterval least time between two progress events of one task
 * @param imageTimeout     how long a frame image may take to arrive from {@code raw_frames} (stages that draw
 *                         or crop the frame) before the broker counts as away and the batch is read again
 * @param commitTimeout    how long a commit of input offsets may wait for the broker before it is tried again with
 *                         the next poll; default 5 s, ample for a loaded broker, while a task whose topic was
 *                         deleted under the commit (cancelled) holds the worker's other tasks up for seconds, not
 *                         the client's 60 s
 */
@Validated
@ConfigurationProperties("stride.stage")
public record StageProperties(
        @NotBlank String name,
        @NotNull Stage input,
        Stage output,
        @DefaultValue("1") @Min(1) @Max(64) int concurrency,
        @DefaultValue("16") @Min(1) @Max(1000) int maxPollRecords,
        @DefaultValue("200ms") Duration pollTimeout,
        @DefaultValue("500ms") Duration progressInterval,
        @DefaultValue("30s") Duration imageTimeout,
        @DefaultValue("5s") Duration commitTimeout) {

    public Optional<Stage> outputStage() {
        return Optional.ofNullable(output);
    }

    public String groupId() {
        return "stride-" + name;
    }
}
