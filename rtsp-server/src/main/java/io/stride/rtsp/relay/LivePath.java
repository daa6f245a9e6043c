package io.stride.rtsp.relay;

import io.netty.buffer.ByteBuf;
import io.stride.rtsp.protocol.RtpHeader;
import io.stride.rtsp.protocol.SessionDescription;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One published stream: the publisher's description and the readers attached to it. {@link #relay} runs on the
 * publisher's network thread and never waits for a reader: each reader's output either queues the packet or
 * drops it.
 */
public final class LivePath {

    /** Outcome of {@link #attach}. */
    public enum Attach { ATTACHED, GONE, FULL }

    private static final int SEQUENCE_MODULO = 1 << 16;
    private static final int SEQUENCE_SHIFT = 32;
    private static final long TIMESTAMP_MASK = 0xFFFF_FFFFL;
    private static final long KNOWN = 1L << 48;

    private final String path;
    private final SessionDescription description;
    private final String readerDescription;
    private final int maxReaders;
    private final RelayCounters counters;
    private final List<Reader> readers = new CopyOnWriteArrayList<>();
    /** Per track: KNOWN | sequence << 32 | timestamp of the latest RTP packet, or 0 before the first. */
    private final AtomicLongArray positions;
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
    private volatile boolean recording;
    private volatile boolean closed;

    LivePath(String path, SessionDescription description, int maxReaders, RelayCounters counters) {
        this.path = path;
        this.description = description;
        this.readerDescription = description.forReaders();
        this.maxReaders = maxReaders;
        this.counters = counters;
        this.positions = new AtomicLongArray(description.trackCount());
    }

    public String path() {
        return path;
    }

    public SessionDescription description() {
        return description;
    }

    /** The SDP readers get from DESCRIBE (controls rewritten to {@code trackID=N}). */
    public String readerDescription() {
        return readerDescription;
    }

    public boolean isRecording() {
        return recording;
    }

    void startRecording() {
        recording = true;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Completes when the publisher is gone (at once if it is already). */
    public CompletionStage<Void> whenClosed() {
        return closedFuture.minimalCompletionStage();
    }

    public synchronized Attach attach(Reader reader) {
        if (closed) {
            return Attach.GONE;
        }
        if (readers.size() >= maxReaders) {
            return Attach.FULL;
        }
        readers.add(reader);
        return Attach.ATTACHED;
    }

    public synchronized void detach(Reader reader) {
        readers.remove(reader);
    }

    public int readerCount() {
        return readers.size();
    }

    /** Hands one packet of a track to every playing reader. The caller keeps ownership of the packet. */
    public void relay(int track, boolean rtcp, ByteBuf packet) {
        if (track < 0 || track >= positions.length()) {
            return;
        }
        if (!rtcp && RtpHeader.isRtp(packet)) {
            positions.set(track, KNOWN | ((long) RtpHeader.sequenceNumber(packet) << SEQUENCE_SHIFT)
                    | RtpHeader.timestamp(packet));
        }
        for (Reader reader : readers) {
            reader.deliver(track, rtcp, packet, counters);
        }
    }

    /** Sends what {@link #relay} queued for each reader, once per batch read from the publisher. */
    public void flushReaders() {
        for (Reader reader : readers) {
            reader.flush();
        }
    }

    public Optional<TrackPosition> position(int track) {
        long packed = positions.get(track);
        if ((packed & KNOWN) == 0) {
            return Optional.empty();
        }
        int sequence = (int) ((packed >>> SEQUENCE_SHIFT) & (SEQUENCE_MODULO - 1));
        return Optional.of(new TrackPosition((sequence + 1) % SEQUENCE_MODULO, packed & TIMESTAMP_MASK));
    }

    /** The publisher is gone: no reader can attach any more and every attached reader is disconnected. */
    void close() {
        List<Reader> disconnected;
        synchronized (this) {
            closed = true;
            recording = false;
            disconnected = List.copyOf(readers);
            readers.clear();
        }
        disconnected.forEach(Reader::disconnect);
        closedFuture.complete(null);
    }
}
