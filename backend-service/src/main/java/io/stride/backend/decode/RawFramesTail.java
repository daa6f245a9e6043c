package io.stride.backend.decode;

import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.topic.Stage;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Reads the last record of a task's {@code raw_frames} topic (one partition, so the last record is the last
 * frame published) to learn where a stopped backend left off.
 */
@Component
public class RawFramesTail {

    /** How long the last record may take to arrive before the topic counts as unreadable. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private final KafkaClients kafka;

    public RawFramesTail(KafkaClients kafka) {
        this.kafka = kafka;
    }

    /** @throws IllegalStateException when the last record cannot be read or is not a frame record */
    public PublishedFrames read(String taskId) {
        var partition = new TopicPartition(Stage.RAW_FRAMES.topic(taskId), 0);
        try (var consumer = kafka.positionalReader()) {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            if (end == 0) {
                return PublishedFrames.NONE;
            }
            consumer.seek(partition, end - 1);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    if (record.offset() == end - 1) {
                        return published(FrameRecordCodec.decode(record.value()));
                    }
                }
            }
            throw new IllegalStateException("the last record of " + partition.topic() + " could not be read within "
                    + READ_TIMEOUT.toSeconds() + " s");
        }
    }

    private static PublishedFrames published(FrameRecord last) {
        return last.isEndOfStream()
                ? new PublishedFrames(last.frameCount(), last.frameCount())
                : new PublishedFrames(last.frameIndex() + 1, -1);
    }
}
