package io.stride.rtsp.protocol;

import java.util.Optional;

/**
 * One alternative of a {@code Transport} request header (RFC 2326 §12.39), reduced to what the relay acts on.
 *
 * @param profile     transport protocol and profile as written, e.g. {@code RTP/AVP} or {@code RTP/SAVP}
 * @param lower       the lower transport: {@code RTP/AVP} alone means UDP
 * @param multicast   whether the client asked for multicast delivery
 * @param interleaved the channel pair for TCP, when the client named one
 * @param clientPorts the client's RTP/RTCP port pair for UDP, when given
 * @param mode        {@code PLAY} unless the client asked for {@code RECORD}
 */
public record Transport(
        String profile,
        LowerTransport lower,
        boolean multicast,
        Optional<PortPair> interleaved,
        Optional<PortPair> clientPorts,
        Mode mode) {

    /** Plain RTP over the AVP profile: the only one the relay speaks (no SRTP). */
    public static final String RTP_AVP = "RTP/AVP";

    public enum LowerTransport { UDP, TCP, OTHER }

    public enum Mode { PLAY, RECORD }

    public boolean isPlainRtp() {
        return RTP_AVP.equals(profile);
    }

    /** The answer for interleaved TCP: the channels this side will use. */
    public static String tcpReply(PortPair channels, Mode mode) {
        return RTP_AVP + "/TCP;unicast;interleaved=" + channels + modeSuffix(mode);
    }

    /** The answer for UDP unicast: where the client receives, and the server ports packets come from. */
    public static String udpReply(PortPair clientPorts, PortPair serverPorts) {
        return RTP_AVP + ";unicast;client_port=" + clientPorts + ";server_port=" + serverPorts;
    }

    private static String modeSuffix(Mode mode) {
        return mode == Mode.RECORD ? ";mode=record" : "";
    }
}
