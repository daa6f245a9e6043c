package io.stride.annotation.live;

import jakarta.validation.Valid;
import java.time.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The live RTSP restream of every task.
 *
 * @param enabled            publish each task's annotated video while it is produced
 * @param publishUrl         the RTSP server to publish to; a task is published at {@code <publishUrl>/<taskId>}.
 *                           With the embedded server this is {@code rtsp://localhost:8554}; in compose, MediaMTX
 * @param maxBufferedPackets packets a live stream may hold while it paces to real time before it drops
 *                           (9000 ≈ 5 min at 30 fps; only the live stream drops, never the MP4)
 * @param replayFinished     a player asking for a finished task gets its MP4 replayed (embedded server only)
 * @param replayLeadIn       pause between a replay's RECORD and its first packet, so the players that asked
 *                           for it have SETUP and PLAY done and see the first keyframe
 * @param embedded           the RTSP server inside this service
 */
@Validated
@ConfigurationProperties("stride.rtsp")
public record RtspProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("rtsp://localhost:8554") @NotBlank String publishUrl,
        @DefaultValue("9000") @Min(1) int maxBufferedPackets,
        @DefaultValue("true") boolean replayFinished,
        @DefaultValue("1s") Duration replayLeadIn,
        @DefaultValue @Valid @NotNull Embedded embedded) {

    /**
     * @param enabled       run the server here; turn off when an external server (MediaMTX) is configured
     * @param port          RTSP port players and the publisher connect to
     * @param bindHost      interface to listen on
     * @param publisherWait how long a player asking for a task that is not (yet) streaming waits for it before a
     *                      404; default 30 s, so a player opened on the {@code stream_url} right after the upload
     *                      gets the stream (the first annotated frame took 12 s on the reference machine for the
     *                      first task after start-up), at the price of an unknown task's 404 coming that late
     */
    public record Embedded(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("8554") @Min(0) @Max(65535) int port,
            @DefaultValue("0.0.0.0") @NotBlank String bindHost,
            @DefaultValue("30s") Duration publisherWait) {
    }

    public String urlOf(String taskId) {
        return publishUrl.replaceAll("/+$", "") + "/" + taskId;
    }
}
