package io.stride.rtsp.relay;

/**
 * Where a track's RTP stream stands, as a reader that starts playing now sees it ({@code RTP-Info}).
 *
 * @param nextSequenceNumber sequence number the next relayed packet is expected to carry
 * @param timestamp          RTP timestamp of the latest relayed packet
 */
public record TrackPosition(int nextSequenceNumber, long timestamp) {
}
