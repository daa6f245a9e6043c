package io.stride.core.stage;

import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;

/**
 * Tells a topic deleted under a reader (its task was cancelled or has ended) from one whose records are only late:
 * a consumer of a deleted topic polls nothing, forever, and would hold its worker's other tasks up until a timeout.
 */
final class TopicPresence {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private TopicPresence() {
    }

    /** Whether the broker no longer knows the topic; false when it cannot be asked (it may be away). */
    static boolean isDeleted(Consumer<?, ?> consumer, String topic) {
        try {
            return consumer.partitionsFor(topic, METADATA_TIMEOUT).isEmpty();
        } catch (KafkaException e) {
            return false;
        }
    }
}
