package io.stride.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLoopTest {

    private static final Duration PAUSE = Duration.ofMillis(100);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final long WAIT_S = 5;
    private static final TopicPartition PARTITION = new TopicPartition("events", 0);

    private final BlockingQueue<RuntimeException> failures = new LinkedBlockingQueue<>();

    @Test
    void aFailedReadIsHandedOverAndReadAgainAfterThePauseWithTheThreadAlive() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch readAgain = new CountDownLatch(1);
        AtomicReference<ConsumerLoop> loop = new AtomicReference<>();
        loop.set(new ConsumerLoop("test-reader", PAUSE, () -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("broker away");
            }
            readAgain.countDown();
            pollUntilStopped(loop.get());
        }, failures::add));
        long started = System.nanoTime();

        loop.get().start();

        assertThat(readAgain.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - started).as("paused first").isGreaterThanOrEqualTo(PAUSE.toNanos());
        assertThat(failures).extracting(RuntimeException::getMessage).containsExactly("broker away");
        assertThat(reads.get()).isEqualTo(2);
        assertThat(loop.get().endedUnexpectedly()).isFalse();
        loop.get().stop(STOP_WAIT);
    }

    @Test
    void stopWakesAPollUpEndsTheThreadAndIsNoFailure() throws Exception {
        CountDownLatch polling = new CountDownLatch(1);
        AtomicReference<ConsumerLoop> loop = new AtomicReference<>();
        AtomicReference<Thread> thread = new AtomicReference<>();
        loop.set(new ConsumerLoop("test-reader", PAUSE, () -> {
            thread.set(Thread.currentThread());
            polling.countDown();
            pollUntilStopped(loop.get());
        }, failures::add));
        loop.get().start();
        assertThat(polling.await(WAIT_S, TimeUnit.SECONDS)).isTrue();

        loop.get().stop(STOP_WAIT);

        assertThat(thread.get().isAlive()).isFalse();
        assertThat(loop.get().isRunning()).isFalse();
        assertThat(loop.get().endedUnexpectedly()).isFalse();
        assertThat(failures).isEmpty();
    }

    @Test
    void interruptOnStopEndsAReadBlockedOutsideItsConsumer() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<Thread> thread = new AtomicReference<>();
        ConsumerLoop loop = new ConsumerLoop("test-reader", PAUSE, () -> {
            thread.set(Thread.currentThread());
            blocked.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }, failures::add).interruptOnStop().daemon();
        loop.start();
        assertThat(blocked.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(thread.get().isDaemon()).isTrue();

        loop.stop(STOP_WAIT);

        assertThat(thread.get().isAlive()).isFalse();
        assertThat(failures).as("a failure while stopping is the stop").isEmpty();
    }

    @Test
    void aThreadThatDiesOfAnErrorEndedUnexpectedly() throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        ConsumerLoop loop = new ConsumerLoop("test-reader", PAUSE, () -> {
            thread.set(Thread.currentThread());
            throw new AssertionError("not a RuntimeException");
        }, failures::add);
        Thread.UncaughtExceptionHandler quiet = (t, e) -> { };
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(quiet);
        try {
            loop.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            while (!loop.endedUnexpectedly() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }

        assertThat(loop.endedUnexpectedly()).isTrue();
        assertThat(failures).isEmpty();
    }

    /** A read as an owner writes it: a consumer of its own, registered, polled while the loop runs. */
    private static void pollUntilStopped(ConsumerLoop loop) {
        try (MockConsumer<String, String> consumer = new MockConsumer<>("earliest")) {
            consumer.assign(List.of(PARTITION));
            consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
            if (!loop.register(consumer)) {
                return;
            }
            while (loop.isRunning()) {
                consumer.poll(Duration.ofMillis(10));
                pauseBriefly();
            }
        }
    }

    /** MockConsumer's poll does not wait for its timeout. */
    private static void pauseBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
