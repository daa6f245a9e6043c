package io.stride.core.stage;

import io.stride.core.topic.Stage;
import io.stride.core.topic.StageId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which stage a service runs and how it consumes.
 *
 * @param id               the stage ({@code stride.stage.id}, e.g. {@code yolox}): its input, output, consumer group
 *                         and the name it signs events with
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
 * @param commitInterval   least time between two commits of input offsets while records keep coming; a commit is
 *                         a broker round trip, and committing after every poll made it a large part of what a stage
 *                         that only passes small records on costs. A stage restarted after a crash reads at most this
 *                         much more input again (redeliveries are skipped downstream). A task's end, an idle poll and
 *                         a rebalance commit at once. Default 1s
 */
@Validated
@ConfigurationProperties("stride.stage")
public record StageProperties(
        @NotNull StageId id,
        @DefaultValue("1") @Min(1) @Max(64) int concurrency,
        @DefaultValue("16") @Min(1) @Max(1000) int maxPollRecords,
        @DefaultValue("200ms") Duration pollTimeout,
        @DefaultValue("500ms") Duration progressInterval,
        @DefaultValue("30s") Duration imageTimeout,
        @DefaultValue("5s") Duration commitTimeout,
        @DefaultValue("1s") Duration commitInterval) {

    public String name() {
        return id.id();
    }

    public Stage input() {
        return id.input();
    }

    public Optional<Stage> output() {
        return id.output();
    }

    public String groupId() {
        return id.groupId();
    }
}
