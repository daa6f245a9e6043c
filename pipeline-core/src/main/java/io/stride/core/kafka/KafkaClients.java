package io.stride.core.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Makes every Kafka client of a service, from one {@link KafkaSettings}: the broker's address, the limits and the
 * connection properties (TLS, SASL) are applied in this one place. The caller owns and closes what it gets.
 */
public final class KafkaClients {

    private final KafkaSettings settings;

    public KafkaClients(KafkaSettings settings) {
        this.settings = settings;
    }

    public KafkaSettings settings() {
        return settings;
    }

    /** Producer of frame records; see {@link KafkaSettings#frameProducer()}. */
    public Producer<String, byte[]> frameProducer() {
        return new KafkaProducer<>(settings.frameProducer());
    }

    /** Producer of a stateful stage's checkpoints; see {@link KafkaSettings#checkpointProducer()}. */
    public Producer<String, byte[]> checkpointProducer() {
        return new KafkaProducer<>(settings.checkpointProducer());
    }

    /** Producer of task events and other small JSON records. */
    public Producer<String, String> eventProducer() {
        return new KafkaProducer<>(settings.eventProducer());
    }

    /** A stage's group member, consuming frame records with manual commits. */
    public Consumer<String, byte[]> frameConsumer(String groupId, int maxPollRecords) {
        return new KafkaConsumer<>(settings.frameConsumer(groupId, maxPollRecords));
    }

    /** A consumer with no group that reads topics by position; see {@link KafkaSettings#replayConsumer()}. */
    public Consumer<String, byte[]> positionalReader() {
        return new KafkaConsumer<>(settings.replayConsumer());
    }

    /** A consumer with no group that reads task events (or another topic of JSON records) by position. */
    public Consumer<String, String> eventReader() {
        return new KafkaConsumer<>(settings.eventReader());
    }

    /** A member of consumer group {@code groupId} reading JSON records; see {@link KafkaSettings#eventConsumer}. */
    public Consumer<String, String> eventConsumer(String groupId) {
        return new KafkaConsumer<>(settings.eventConsumer(groupId));
    }

    /** An admin client whose every request is given up after {@code requestTimeout}. */
    public Admin admin(Duration requestTimeout) {
        Map<String, Object> props = settings.connection();
        int timeoutMs = (int) requestTimeout.toMillis();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        return Admin.create(props);
    }
}
