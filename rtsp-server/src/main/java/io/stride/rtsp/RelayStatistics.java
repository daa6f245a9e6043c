package io.stride.rtsp;

/**
 * A snapshot of what the relay is doing, for logs and metrics.
 *
 * @param livePaths      paths with a publisher in RECORD
 * @param readers        reader sessions attached to a live path (set up, playing or paused)
 * @param packetsRelayed RTP/RTCP packets handed to readers since start
 * @param packetsDropped packets not handed to a reader because its write buffer was full
 */
public record RelayStatistics(int livePaths, int readers, long packetsRelayed, long packetsDropped) {
}
