package io.stride.core.stage;

import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.kafka.KafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a task's frame records back from one of its topics, from a given frame on. This is how a stateful stage
 * (the tracker, the MP4 writer) rebuilds what it held in memory when it meets a task mid-stream after a restart or
 * a rebalance: from its last checkpoint, whose frames are young enough to be still on the topic however long the
 * task has run, or from frame 0 for a stage without one.
 */
public final class TaskReplay {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private final KafkaClients kafka;
    private final Duration timeout;

    /** @param timeout how long one replay may take before it gives up */
    public TaskReplay(KafkaClients kafka, Duration timeout) {
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
        return replay(topic, 0, untilFrame, sink);
    }

    /** As {@link #replay(String, long, Consumer)}, for the frames {@code fromFrame .. untilFrame-1}. */
    public long replay(String topic, long fromFrame, long untilFrame, Consumer<FrameRecord> sink) {
        try (FrameImages images = new FrameImages(kafka, timeout)) {
            return replayResults(topic, fromFrame, untilFrame,
                    frame -> sink.accept(images.fill(frame.taskId(), List.of(frame)).get(0)));
        }
    }

    /** As {@link #replay(String, long, Consumer)}, without fetching images: for a stage that works on results alone. */
    public long replayResults(String topic, long untilFrame, Consumer<FrameRecord> sink) {
        return replayResults(topic, 0, untilFrame, sink);
    }

    /**
     * Hands {@code sink} the frames {@code fromFrame .. untilFrame-1} without their images.
     *
     * @return the number of frames handed over, always {@code untilFrame - fromFrame}
     * @throws TaskReplayException when the topic no longer holds {@code fromFrame} (retention removed it), misses
     *                             a frame after it, or cannot be read within the timeout
     */
    public long replayResults(String topic, long fromFrame, long untilFrame, Consumer<FrameRecord> sink) {
        if (untilFrame <= fromFrame) {
            return 0;
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        long deadline = System.nanoTime() + timeout.toNanos();
        long next = fromFrame;
        try (org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer = kafka.positionalReader()) {
            consumer.assign(List.of(partition));
            if (TopicPresence.isDeleted(consumer, topic)) {
                throw new TaskReplayException(topic + " was deleted (the task ended)");
            }
            long begin = consumer.beginningOffsets(List.of(partition), timeout).get(partition);
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            consumer.seek(partition, fromFrame == 0 ? begin : new FrameSeek(consumer, partition, deadline)
                    .lastOffsetAtOrBefore(fromFrame, begin, end));
            while (next < untilFrame) {
                if (consumer.position(partition) >= end) {
                    throw new TaskReplayException(topic + " ends before frame " + next + " (needed up to "
                            + (untilFrame - 1) + ")");
                }
                checkDeadline(deadline, topic);
                ConsumerRecords<String, byte[]> polled = consumer.poll(POLL_TIMEOUT);
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
        return next - fromFrame;
    }

    private void checkDeadline(long deadline, String topic) {
        if (System.nanoTime() > deadline) {
            throw new TaskReplayException("reading " + topic + " back took over " + timeout);
        }
    }

    /**
     * Finds where a frame starts on a task's topic without reading the topic from its start. Frame indices on a
     * topic ascend, except that a restarted producer sends some frames again (the sequence steps back, then
     * ascends again), and never skip ahead. So every frame after a record at or before frame {@code f} follows
     * it, and a binary search for the last such record finds a valid start in a few reads.
     */
    private final class FrameSeek {

        private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
        private final TopicPartition partition;
        private final long deadline;

        FrameSeek(org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer, TopicPartition partition,
                  long deadline) {
            this.consumer = consumer;
            this.partition = partition;
            this.deadline = deadline;
        }

        /** An offset in {@code [begin, end)} whose record is at or before {@code frame}: the latest the search met. */
        long lastOffsetAtOrBefore(long frame, long begin, long end) {
            if (begin >= end || frameAt(begin) > frame) {
                throw new TaskReplayException(partition.topic() + " no longer holds frame " + frame
                        + "; its retention removed it");
            }
            long low = begin;
            long high = end; // frameAt(low) <= frame; every offset at or past high is after it or unknown
            while (high - low > 1) {
                long middle = low + (high - low) / 2;
                if (frameAt(middle) <= frame) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /** The frame index of the record at {@code offset}; an end-of-stream marker counts as after every frame. */
        private long frameAt(long offset) {
            consumer.seek(partition, offset);
            while (true) {
                checkDeadline(deadline, partition.topic());
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    FrameRecord frame = FrameRecordCodec.decode(record.value());
                    return frame.isEndOfStream() ? Long.MAX_VALUE : frame.frameIndex();
                }
            }
        }
    }

    /** A task's state cannot be rebuilt from its topic. */
    public static final class TaskReplayException extends RuntimeException {
        TaskReplayException(String message) {
            super("cannot rebuild the task's state: " + message);
        }
    }
}
