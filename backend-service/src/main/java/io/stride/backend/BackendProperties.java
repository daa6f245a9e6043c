package io.stride.backend;

import io.stride.core.image.JpegCodec;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
 * @param jpegQuality     JPEG quality (1–100) of the frames published to the pipeline; default
 *                        {@link JpegCodec#DEFAULT_FRAME_QUALITY}
 * @param maxFramesAhead  most frames the decoder publishes beyond the last annotated one, so a long video
 *                        on a slow machine never has frames expire unread and the broker's disk stays bounded
 * @param maxTasksInFlight tasks started and not yet ended (decoding, or in the stages behind it); the only
 *                        admission rule: a task decodes on a thread of its own while it is in flight, so this
 *                        also bounds the decoding threads. Default 2: the fleet is CPU-bound on the 2-core
 *                        reference machine with one task (about 24 fps end to end, 96 % busy); a second keeps
 *                        every stage busy while the first one's decoder waits on back-pressure or its MP4 is
 *                        finalised. More adds no throughput, only divides it: each task takes longer, holds its
 *                        four topics longer (up to {@code maxFramesAhead} frames of about 170 KiB each per topic)
 *                        and gets closer to the stall timeout
 * @param maxQueuedTasks  uploads waiting for a slot, in FIFO order; beyond it an upload is refused with 503 and
 *                        {@code Retry-After}. A queued task holds only its upload in the jobs directory. Default
 *                        32: twenty uploads at once are all accepted, and the disk a full queue takes stays
 *                        bounded (32 times the upload size limit at worst)
 * @param queueFullRetryAfter what {@code Retry-After} tells a client refused because the queue is full; default 60s,
 *                        about the time a short clip takes end to end on the reference machine
 * @param maxFrameWidth   widest frame accepted (of the upright picture, in either orientation: a portrait
 *                        video fits when its width fits {@code maxFrameHeight} and its height {@code maxFrameWidth});
 *                        default 3840, 4K, the largest frame {@code stride.kafka.max-message-bytes} is sized for
 * @param maxFrameHeight  tallest frame accepted, as above; default 2160
 * @param maxDuration     longest video accepted, as the container says, and checked again while decoding for
 *                        containers that do not say; default 1h, which takes about 75 minutes of the fleet at
 *                        720p on the reference machine and holds a slot that long
 * @param stallTimeout    a running task fails when a stage with frames waiting finishes none for this long
 *                        (a stage that is down), or when nobody decodes it any more (a killed backend)
 * @param stallCheckInterval how often running tasks are checked for that
 * @param brokerTimeout   longest wait for the broker in one step of a request: creating a task's topics, their
 *                        leaders, the {@code STARTED} or {@code QUEUED} event; an upload gives up after three such
 *                        steps at most. Default 10s, so an upload during an outage is answered within 30 s
 * @param brokerRetryAfter what {@code Retry-After} tells a client refused because the broker is away; default 15s,
 *                        a few health checks ({@code stride.health.kafka-check-interval})
 */
@Validated
@ConfigurationProperties("stride.backend")
public record BackendProperties(
        @DefaultValue("localhost") @NotBlank String publicHost,
        @DefaultValue("8554") @Min(1) @Max(65535) int rtspPort,
        @DefaultValue("10m") Duration topicRetention,
        @DefaultValue("7d") Duration eventsRetention,
        @DefaultValue("60s") Duration cleanupDelay,
        @DefaultValue(JpegCodec.DEFAULT_FRAME_QUALITY_TEXT) @Min(1) @Max(100) int jpegQuality,
        @DefaultValue("600") @Min(1) int maxFramesAhead,
        @DefaultValue("2") @Min(1) @Max(64) int maxTasksInFlight,
        @DefaultValue("32") @Min(0) int maxQueuedTasks,
        @DefaultValue("60s") Duration queueFullRetryAfter,
        @DefaultValue("3840") @Min(16) int maxFrameWidth,
        @DefaultValue("2160") @Min(16) int maxFrameHeight,
        @DefaultValue("1h") Duration maxDuration,
        @DefaultValue("120s") Duration stallTimeout,
        @DefaultValue("5s") Duration stallCheckInterval,
        @DefaultValue("10s") @NotNull Duration brokerTimeout,
        @DefaultValue("15s") @NotNull Duration brokerRetryAfter) {

    /** Pixels a decoder may add to a picture's width or height for alignment (FFmpeg aligns rows to 64 bytes). */
    private static final int DECODER_ALIGNMENT = 64;

    /**
     * The largest picture FFmpeg's decoder may allocate (its {@code max_pixels}): the frame-size limit, with room for
     * the row alignment decoders add to a width, in either orientation. A stream that switches mid-way to a larger
     * picture ends there, as a truncated one does, instead of allocating gigabytes for it.
     */
    public long maxDecodedPixels() {
        long width = maxFrameWidth + DECODER_ALIGNMENT;
        return width * (maxFrameHeight + DECODER_ALIGNMENT);
    }

    public String streamUrl(String taskId) {
        return "rtsp://" + publicHost + ":" + rtspPort + "/" + taskId;
    }
}
