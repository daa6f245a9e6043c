package io.stride.core.kafka;

import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The thread of a component that reads Kafka for as long as it runs: a read that fails (the broker away, the
 * consumer failed) is handed to the owner and started again after a pause, so the thread never dies of it; a
 * read that ends by {@link #stop()} ends the thread. The owner's read opens its consumer, passes it to
 * {@link #register} (which is how {@link #stop()} wakes a poll up at once), and polls while {@link #isRunning()}.
 * A failure that happens while stopping is part of the stop, not handed to the owner.
 */
public final class ConsumerLoop {

    /** One read with a consumer of its own, until the loop stops or the read throws. */
    @FunctionalInterface
    public interface Read {
        void readUntilStopped();
    }

    private final String threadName;
    private final Duration retryPause;
    private final Read read;
    private final Consumer<RuntimeException> failed;
    private boolean daemon;
    private boolean interruptOnStop;
    private volatile org.apache.kafka.clients.consumer.Consumer<?, ?> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    /**
     * @param retryPause how long to wait after a failed read before reading again
     * @param failed     told of each failed read (to log it, or to say the component is not current), before the
     *                   pause
     */
    public ConsumerLoop(String threadName, Duration retryPause, Read read, Consumer<RuntimeException> failed) {
        this.threadName = threadName;
        this.retryPause = retryPause;
        this.read = read;
        this.failed = failed;
    }

    /** Makes the thread a daemon, which does not keep the JVM alive; call before {@link #start()}. */
    public ConsumerLoop daemon() {
        this.daemon = true;
        return this;
    }

    /**
     * Makes {@link #stop()} also interrupt the thread, for a read that blocks outside its consumer (loading state
     * at its start); call before {@link #start()}. Without it a stop only wakes the consumer up, since an
     * interrupted consumer's close fails with errors.
     */
    public ConsumerLoop interruptOnStop() {
        this.interruptOnStop = true;
        return this;
    }

    public void start() {
        running = true;
        Thread reader = new Thread(this::readForever, threadName);
        reader.setDaemon(daemon);
        thread = reader;
        reader.start();
    }

    /**
     * Registers the consumer the current read polls, for {@link #stop()} to wake up.
     *
     * @return false when the loop is stopping, and the read should return without polling
     */
    public boolean register(org.apache.kafka.clients.consumer.Consumer<?, ?> current) {
        consumer = current;
        return running;
    }

    /** Whether the loop runs; a read polls while it does. */
    public boolean isRunning() {
        return running;
    }

    /** Whether the thread has ended although the loop was not stopped (a read threw an {@link Error}). */
    public boolean endedUnexpectedly() {
        Thread reader = thread;
        return reader != null && !reader.isAlive() && running;
    }

    /** Wakes the read up and waits up to {@code joinTimeout} for the thread to end. */
    public void stop(Duration joinTimeout) {
        running = false;
        org.apache.kafka.clients.consumer.Consumer<?, ?> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread reader = thread;
        if (reader == null) {
            return;
        }
        if (interruptOnStop) {
            reader.interrupt();
        }
        try {
            reader.join(joinTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readForever() {
        while (running) {
            try {
                read.readUntilStopped();
            } catch (WakeupException e) {
                return; // stopping
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failed.accept(e);
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(retryPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
