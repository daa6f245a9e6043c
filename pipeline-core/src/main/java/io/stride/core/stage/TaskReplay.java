package io.stride.core.stage;

import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.kafka.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a task's frame records back from the start of one of its topics. This is how a stateful stage (the
 * tracker, the MP4 writer) rebuilds what it held in memory when it meets a task mid-stream after a restart or
 * a rebalance: the topic still holds every record of a running task, so the rebuilt state is the one an
 * uninterrupted instance would have.
 */
public final class TaskReplay {

    private final KafkaSettings kafka;
    private final Duration timeout;

    /** @param timeout how long one replay may take before it gives up */
    public TaskReplay(KafkaSettings kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    /**
     * Hands {@code sink} the frames {@code 0 .. untilFrame-1} of the task's topic, each index once and in order
     * (redelivered duplicates on the topic are skipped), with their images (fetched from {@code raw_frames}
     * where the record travels without).
     *
     * @return the number of frames handed over, always {@code untilFrame}
     * @throws TaskReplayException when the topic no longer starts at frame 0 (retention removed it), misses a
     *                             frame, or cannot be read within the timeout
     */
    public long replay(String topic, long untilFrame, Consumer<FrameRecord> sink) {
        try (FrameImages images = new FrameImages(kafka, timeout)) {
            return replayResults(topic, untilFrame,
                    frame -> sink.accept(images.fill(frame.taskId(), List.of(frame)).get(0)));
        }
    }

    /** As {@link #replay}, without fetching images: for a stage that works on results alone. */
    public long replayResults(String topic, long untilFrame, Consumer<FrameRecord> sink) {
        if (untilFrame <= 0) {
            return 0;
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        long deadline = System.nanoTime() + timeout.toNanos();
        long next = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.replayConsumer())) {
            consumer.assign(List.of(partition));
            if (TopicPresence.isDeleted(consumer, topic)) {
                throw new TaskReplayException(topic + " was deleted (the task ended)");
            }
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            while (next < untilFrame) {
                if (consumer.position(partition) >= end) {
                    throw new TaskReplayException(topic + " ends before frame " + next + " (needed up to "
                            + (untilFrame - 1) + ")");
                }
                if (System.nanoTime() > deadline) {
                    throw new TaskReplayException("reading " + topic + " back took over " + timeout);
                }
                ConsumerRecords<String, byte[]> polled = consumer.poll(Duration.ofMillis(200));
                if (polled.isEmpty() && TopicPresence.isDeleted(consumer, topic)) {
                    throw new TaskReplayException(topic + " was deleted while it was read back (the task ended)");
                }
                for (ConsumerRecord<String, byte[]> record : polled) {
                    if (next == untilFrame) {
                        break;
                    }
                    FrameRecord frame = FrameRecordCodec.decode(record.value());
                    if (frame.isEndOfStream() || frame.frameIndex() < next) {
                        continue;
                    }
                    if (frame.frameIndex() > next) {
                        throw new TaskReplayException(topic + " no longer holds frame " + next
                                + " (first left: " + frame.frameIndex() + "); its retention removed it");
                    }
                    sink.accept(frame);
                    next++;
                }
            }
        }
        return next;
    }

    /** A task's state cannot be rebuilt from its topic. */
    public static final class TaskReplayException extends RuntimeException {
        TaskReplayException(String message) {
            super("cannot rebuild the task's state: " + message);
        }
    }
}
