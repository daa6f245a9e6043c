package io.stride.annotation.live;

import io.stride.rtsp.RtspServerSettings;
import jakarta.validation.Valid;
import java.time.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
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
     * The embedded server; its caps are those of {@link RtspServerSettings}, where each is explained with what a
     * client over it gets.
     *
     * @param enabled                   run the server here; turn off when an external server (MediaMTX) is
     *                                  configured
     * @param port                      RTSP port players and the publisher connect to
     * @param bindHost                  interface to listen on
     * @param publisherWait             how long a player asking for a task that is not (yet) streaming waits for it
     *                                  before a 404; default 30 s, so a player opened on the {@code stream_url} right
     *                                  after the upload gets the stream (the first annotated frame took 12 s on the
     *                                  reference machine for the first task after start-up), at the price of an
     *                                  unknown task's 404 coming that late
     * @param maxConnections            RTSP connections at once, from all clients; default 256
     * @param maxConnectionsPerAddress  RTSP connections one client address may hold; default 32
     * @param maxQueuedRequests         requests a connection may queue behind one waiting for its answer; default 8
     * @param requestTimeout            time a connection has for its first request, and any request for its whole
     *                                  header and body, before a 408 and the close; default 10 s
     * @param maxReplays                replays of finished tasks starting or running at once; a player asking for
     *                                  one more gets 503; default 4
     * @param maxUdpPortPairsPerAddress UDP port pairs (one per track a UDP player reads) one client address may
     *                                  hold; beyond, its players read over TCP; default 8
     */
    public record Embedded(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("8554") @Min(0) @Max(65535) int port,
            @DefaultValue("0.0.0.0") @NotBlank String bindHost,
            @DefaultValue("30s") Duration publisherWait,
            @DefaultValue("256") @Min(1) int maxConnections,
            @DefaultValue("32") @Min(1) int maxConnectionsPerAddress,
            @DefaultValue("8") @Min(1) int maxQueuedRequests,
            @DefaultValue("10s") @NotNull Duration requestTimeout,
            @DefaultValue("4") @Min(1) int maxReplays,
            @DefaultValue("8") @Min(1) int maxUdpPortPairsPerAddress) {

        @ConstructorBinding
        public Embedded {
        }

        /** Where and how long a player waits; the caps at their defaults. */
        public Embedded(boolean enabled, int port, String bindHost, Duration publisherWait) {
            this(enabled, port, bindHost, publisherWait, RtspServerSettings.DEFAULT_MAX_CONNECTIONS,
                    RtspServerSettings.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
                    RtspServerSettings.DEFAULT_MAX_QUEUED_REQUESTS, RtspServerSettings.DEFAULT_REQUEST_TIMEOUT,
                    RtspServerSettings.DEFAULT_MAX_ON_DEMAND_PUBLISHERS,
                    RtspServerSettings.DEFAULT_MAX_UDP_PORT_PAIRS_PER_ADDRESS);
        }

        /** The server's settings: these, the rest at their defaults. */
        public RtspServerSettings serverSettings() {
            return RtspServerSettings.defaults()
                    .withBindHost(bindHost)
                    .withPort(port)
                    .withPublisherWait(publisherWait)
                    .withMaxConnections(maxConnections)
                    .withMaxConnectionsPerAddress(maxConnectionsPerAddress)
                    .withMaxQueuedRequests(maxQueuedRequests)
                    .withRequestTimeout(requestTimeout)
                    .withMaxOnDemandPublishers(maxReplays)
                    .withMaxUdpPortPairsPerAddress(maxUdpPortPairsPerAddress);
        }
    }

    public String urlOf(String taskId) {
        return publishUrl.replaceAll("/+$", "") + "/" + taskId;
    }
}
