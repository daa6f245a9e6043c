package io.stride.rtsp.session;

import io.stride.rtsp.PathValidator;
import io.stride.rtsp.RtspServerSettings;
import io.stride.rtsp.StreamAccess;
import io.stride.rtsp.limit.ConnectionLimits;
import io.stride.rtsp.limit.RefusalLog;
import io.stride.rtsp.relay.PathRegistry;
import io.stride.rtsp.relay.UdpPortPool;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * What every connection of one server shares.
 *
 * @param onDemandPublishers where a DESCRIBE of a path nobody publishes asks for a publisher
 * @param access             who may publish and read
 * @param connectionLimits   the connections open, against their caps
 * @param refusals           where turning a client away is logged
 */
public record ServerContext(
        RtspServerSettings settings,
        PathRegistry registry,
        UdpPortPool udpPorts,
        PathValidator pathValidator,
        OnDemandPublishers onDemandPublishers,
        StreamAccess access,
        ConnectionLimits connectionLimits,
        RefusalLog refusals,
        SecureRandom random) {

    /** 64 random bits: session ids are the only thing that links a request to a session, so not guessable. */
    private static final int SESSION_ID_BYTES = 8;

    String newSessionId() {
        var bytes = new byte[SESSION_ID_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The {@code Session} header value: id and the timeout clients should send keep-alives within. */
    String sessionHeader(RtspSession session) {
        return session.id() + ";timeout=" + settings.sessionTimeout().toSeconds();
    }
}
