package io.stride.backend;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Backend settings.
 *
 * @param publicHost      host name players use in {@code stream_url}
 * @param rtspPort        port of the RTSP server that restreams annotated video
 * @param topicRetention  retention of a task's frame topics; the decoder's window keeps unread frames far
 *                        younger than this (see {@code maxFramesAhead})
 * @param eventsRetention retention of the task events topic: how long statuses survive backend restarts
 * @param cleanupDelay    time between a task's end and the deletion of its topics and upload
 * @param jpegQuality     JPEG quality (1–100) of the frames published to the pipeline
 * @param maxFramesAhead  most frames the decoder publishes beyond the last annotated one, so a long video
 *                        on a slow machine never has frames expire unread and the broker's disk stays bounded
 * @param decodeThreads   tasks decoded at once
 * @param stallTimeout    a running task fails when a stage with frames waiting finishes none for this long
 *                        (a stage that is down), or when nobody decodes it any more (a killed backend)
 * @param stallCheckInterval how often running tasks are checked for that
 */
@Validated
@ConfigurationProperties("stride.backend")
public record BackendProperties(
        @DefaultValue("localhost") @NotBlank String publicHost,
        @DefaultValue("8554") @Min(1) @Max(65535) int rtspPort,
        @DefaultValue("10m") Duration topicRetention,
        @DefaultValue("7d") Duration eventsRetention,
        @DefaultValue("60s") Duration cleanupDelay,
        @DefaultValue("90") @Min(1) @Max(100) int jpegQuality,
        @DefaultValue("600") @Min(1) int maxFramesAhead,
        @DefaultValue("2") @Min(1) @Max(64) int decodeThreads,
        @DefaultValue("120s") Duration stallTimeout,
        @DefaultValue("5s") Duration stallCheckInterval) {

    public String streamUrl(String taskId) {
        return "rtsp://" + publicHost + ":" + rtspPort + "/" + taskId;
    }
}
