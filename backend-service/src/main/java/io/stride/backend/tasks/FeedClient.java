package io.stride.backend.tasks;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One live-update client: the events it has not been sent yet, in a bounded queue, written to it by one writer
 * at a time. A client that stops reading blocks only its own writer; when its queue is full, or one write has
 * taken too long, it is dropped, and everybody else is still served.
 */
final class FeedClient {

    private final SseEmitter emitter;
    private final BlockingQueue<SseEmitter.SseEventBuilder> pending;
    private final Executor writers;
    private final LongSupplier nanoTime;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean gone = new AtomicBoolean();
    /** When the write in progress began ({@link #nanoTime}), or {@link #NOT_WRITING}. */
    private volatile long writeStartedAt = NOT_WRITING;

    private static final long NOT_WRITING = Long.MIN_VALUE;

    FeedClient(SseEmitter emitter, int queueSize, Executor writers, LongSupplier nanoTime) {
        this.emitter = emitter;
        this.pending = new ArrayBlockingQueue<>(queueSize);
        this.writers = writers;
        this.nanoTime = nanoTime;
    }

    SseEmitter emitter() {
        return emitter;
    }

    /** Queues an event for this client; false (and the client is ended) when it is too far behind. */
    boolean offer(SseEmitter.SseEventBuilder event) {
        if (gone.get() || !pending.offer(event)) {
            end();
            return false;
        }
        startWriter();
        return true;
    }

    /** Whether the write in progress started more than {@code timeoutNanos} ago. */
    boolean isStuck(long timeoutNanos) {
        long started = writeStartedAt;
        return started != NOT_WRITING && nanoTime.getAsLong() - started > timeoutNanos;
    }

    boolean isGone() {
        return gone.get();
    }

    /**
     * Ends the stream; a browser's EventSource reconnects by itself and starts again from the whole list. The
     * emitter is completed by whoever holds it: here when no write is in progress, else by the writer once its
     * write returns (completing it here would wait for that write, which may never return for a client that does
     * not read).
     */
    void end() {
        if (gone.compareAndSet(false, true)) {
            pending.clear();
            if (writing.compareAndSet(false, true)) {
                emitter.complete();
            }
        }
    }

    /** The container ended the stream (client gone, error, shutdown). */
    void left() {
        gone.set(true);
        pending.clear();
    }

    private void startWriter() {
        if (writing.compareAndSet(false, true)) {
            try {
                writers.execute(this::writeAll);
            } catch (RejectedExecutionException e) {
                writing.set(false);
                end();
            }
        }
    }

    private void writeAll() {
        boolean failed = false;
        try {
            SseEmitter.SseEventBuilder event;
            while (!gone.get() && (event = pending.poll()) != null) {
                writeStartedAt = nanoTime.getAsLong();
                emitter.send(event);
                writeStartedAt = NOT_WRITING;
            }
        } catch (IOException | IllegalStateException e) {
            failed = true;
            left();
        } finally {
            writeStartedAt = NOT_WRITING;
        }
        if (gone.get()) {
            if (!failed) {
                emitter.complete(); // ended while this write was in progress; nobody writes to it again
            }
            return;
        }
        writing.set(false);
        // An event queued after the loop found the queue empty, but before the flag was cleared, needs a writer.
        if (!pending.isEmpty()) {
            startWriter();
        }
    }
}
