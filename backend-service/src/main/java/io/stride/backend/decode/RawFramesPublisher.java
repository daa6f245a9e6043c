package io.stride.backend.decode;

import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.frame.StageOptions;
import io.stride.core.topic.Stage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes one task's frame records to its {@code raw_frames} topic, each with the task's options, keeping at most
 * {@link #MAX_UNACKNOWLEDGED} unacknowledged, and ends the topic with the end-of-stream record. The upload decoder
 * and a camera's ingest both publish through it; one instance per task, used by one thread.
 */
public final class RawFramesPublisher {

    /** Frames whose acknowledgement may be outstanding before the publisher waits for the oldest. */
    private static final int MAX_UNACKNOWLEDGED = 64;

    private final Producer<String, byte[]> producer;
    private final String taskId;
    private final String topic;
    private final StageOptions options;
    private final Deque<Future<RecordMetadata>> unacknowledged = new ArrayDeque<>();

    public RawFramesPublisher(Producer<String, byte[]> producer, String taskId, StageOptions options) {
        this.producer = producer;
        this.taskId = taskId;
        this.topic = Stage.RAW_FRAMES.topic(taskId);
        this.options = options;
    }

    /** Publishes a frame record (options added); waits only when too many are unacknowledged. */
    public void publish(FrameRecord record) throws ExecutionException, InterruptedException {
        unacknowledged.addLast(producer.send(new ProducerRecord<>(topic, FrameRecordCodec.encode(
                record.withOptions(options)))));
        while (unacknowledged.size() > MAX_UNACKNOWLEDGED) {
            unacknowledged.removeFirst().get();
        }
    }

    /** Publishes the end-of-stream record and waits until the broker has every record published. */
    public void end(long frameCount, double fps, int width, int height)
            throws ExecutionException, InterruptedException {
        publish(FrameRecord.endOfStream(taskId, frameCount, fps, width, height));
        while (!unacknowledged.isEmpty()) {
            unacknowledged.removeFirst().get();
        }
    }
}
