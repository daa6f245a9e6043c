package io.stride.rtsp.session;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.stride.rtsp.protocol.PortPair;
import io.stride.rtsp.relay.PathRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions of one RTSP connection and the interleaved channels its publishers send on. A session lives
 * as long as its connection (players keep theirs open and send keep-alives on it), so closing the connection
 * ends every session on it; a {@code Session} header naming a session of another connection is not found.
 * Used only on the connection's network thread.
 */
final class ConnectionSessions {

    /** What arrives on an interleaved channel of a publisher. */
    record PublishedChannel(RtspSession session, int track, boolean rtcp) {
    }

    private final PathRegistry registry;
    private final Map<String, RtspSession> sessions = new LinkedHashMap<>();
    private final Map<Integer, PublishedChannel> publishedChannels = new HashMap<>();

    ConnectionSessions(PathRegistry registry) {
        this.registry = registry;
    }

    void add(RtspSession session) {
        sessions.put(session.id(), session);
    }

    /**
     * The session named by the request's {@code Session} header, empty when there is none.
     *
     * @throws RequestRejectedException 454 when the header names no session of this connection
     */
    Optional<RtspSession> named(HttpRequest request) {
        String header = request.headers().get(RtspHeaderNames.SESSION);
        if (header == null) {
            return Optional.empty();
        }
        String id = header.split(";", 2)[0].strip();
        RtspSession session = sessions.get(id);
        if (session == null) {
            throw new RequestRejectedException(RtspResponseStatuses.SESSION_NOT_FOUND, "unknown session " + id);
        }
        session.touch();
        return Optional.of(session);
    }

    /** The only publisher session still setting up, for a SETUP that omits the {@code Session} header. */
    Optional<RtspSession> singleAnnounced() {
        List<RtspSession> announced = sessions.values().stream()
                .filter(s -> s.state() == SessionState.PRE_RECORD).toList();
        return announced.size() == 1 ? Optional.of(announced.get(0)) : Optional.empty();
    }

    List<RtspSession> all() {
        return new ArrayList<>(sessions.values());
    }

    boolean isChannelInUse(int channel) {
        if (publishedChannels.containsKey(channel)) {
            return true;
        }
        return sessions.values().stream()
                .anyMatch(s -> s.tcpOutput() != null && s.tcpOutput().usesChannel(channel));
    }

    /** The lowest free even/odd channel pair, for a client that did not name one. */
    PortPair freeChannelPair() {
        int rtp = 0;
        while (isChannelInUse(rtp) || isChannelInUse(rtp + 1)) {
            rtp += 2;
        }
        return new PortPair(rtp, rtp + 1);
    }

    void bindPublishedChannels(RtspSession session, int track, PortPair channels) {
        publishedChannels.put(channels.rtp(), new PublishedChannel(session, track, false));
        publishedChannels.put(channels.rtcp(), new PublishedChannel(session, track, true));
    }

    Optional<PublishedChannel> publishedChannel(int channel) {
        return Optional.ofNullable(publishedChannels.get(channel));
    }

    /** Ends a session: a publisher's path disappears (its readers are disconnected); a reader detaches. */
    void end(RtspSession session) {
        sessions.remove(session.id());
        if (session.isPublisher()) {
            publishedChannels.values().removeIf(bound -> bound.session() == session);
            registry.release(session.livePath());
        } else {
            session.reader().pause();
            session.livePath().detach(session.reader());
            session.reader().output().close();
        }
    }

    void endAll() {
        all().forEach(this::end);
    }
}
