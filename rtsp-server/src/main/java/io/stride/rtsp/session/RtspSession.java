package io.stride.rtsp.session;

import io.stride.rtsp.relay.LivePath;
import io.stride.rtsp.relay.Reader;
import io.stride.rtsp.relay.TcpReaderOutput;
import io.stride.rtsp.relay.UdpReaderOutput;

/**
 * One RTSP session (the {@code Session:} header): a publisher of one path, or a reader of one path. Owned by
 * the connection that created it and touched only on that connection's network thread, except for
 * {@link #touch()}, which UDP sockets call.
 */
final class RtspSession {

    private final String id;
    private final LivePath livePath;
    private SessionState state;
    private volatile long lastSignOfLifeNanos = System.nanoTime();

    // Publisher: which announced tracks have been set up.
    private final boolean[] publishedTracks;

    // Reader: how packets reach it (exactly one of the outputs is set).
    private Reader reader;
    private TcpReaderOutput tcpOutput;
    private UdpReaderOutput udpOutput;

    private RtspSession(String id, LivePath livePath, SessionState state, boolean[] publishedTracks) {
        this.id = id;
        this.livePath = livePath;
        this.state = state;
        this.publishedTracks = publishedTracks;
    }

    static RtspSession publisher(String id, LivePath claimed) {
        return new RtspSession(id, claimed, SessionState.PRE_RECORD, new boolean[claimed.description().trackCount()]);
    }

    static RtspSession reader(String id, LivePath read, Reader reader) {
        var session = new RtspSession(id, read, SessionState.PRE_PLAY, new boolean[0]);
        session.reader = reader;
        if (reader.output() instanceof TcpReaderOutput tcp) {
            session.tcpOutput = tcp;
        } else {
            session.udpOutput = (UdpReaderOutput) reader.output();
        }
        return session;
    }

    String id() {
        return id;
    }

    LivePath livePath() {
        return livePath;
    }

    SessionState state() {
        return state;
    }

    void state(SessionState next) {
        state = next;
    }

    boolean isPublisher() {
        return state == SessionState.PRE_RECORD || state == SessionState.RECORD;
    }

    void publishedTrackSetUp(int track) {
        publishedTracks[track] = true;
    }

    boolean anyPublishedTrackSetUp() {
        for (boolean setUp : publishedTracks) {
            if (setUp) {
                return true;
            }
        }
        return false;
    }

    Reader reader() {
        return reader;
    }

    TcpReaderOutput tcpOutput() {
        return tcpOutput;
    }

    UdpReaderOutput udpOutput() {
        return udpOutput;
    }

    /** A request, an RTCP report or any UDP packet from the client: the session is alive. */
    void touch() {
        lastSignOfLifeNanos = System.nanoTime();
    }

    long nanosSinceSignOfLife() {
        return System.nanoTime() - lastSignOfLifeNanos;
    }
}
