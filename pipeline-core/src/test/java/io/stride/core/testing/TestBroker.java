package io.stride.core.testing;

import io.stride.core.kafka.KafkaClients;
import io.stride.core.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node KRaft broker in the test JVM, configured like production: no topic auto-creation
 * (every topic Stride uses is created explicitly) and room for 4K frames.
 */
public final class TestBroker implements AutoCloseable {

    /** The broker's largest record, and the clients' (production's default). */
    public static final int MAX_MESSAGE_BYTES = 33_554_432;
    /** Short, so clients see topics created a moment ago at once. */
    private static final Duration METADATA_MAX_AGE = Duration.ofSeconds(1);

    private final EmbeddedKafkaKraftBroker broker;

    public TestBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES),
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "5"));
        broker.afterPropertiesSet();
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** Client settings for this broker. */
    public KafkaSettings kafkaSettings() {
        return kafkaSettings(bootstrapServers());
    }

    /** Client settings for a broker at {@code bootstrapServers}, with production's limits. */
    public KafkaClients kafkaClients() {
        return new KafkaClients(kafkaSettings());
    }

    public static KafkaSettings kafkaSettings(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, MAX_MESSAGE_BYTES, METADATA_MAX_AGE);
    }

    /** Creates topics with one partition each, as the backend does. */
    public void createTopics(String... topics) {
        broker.addTopics(java.util.Arrays.stream(topics)
                .map(name -> new org.apache.kafka.clients.admin.NewTopic(name, 1, (short) 1)).toArray(
                        org.apache.kafka.clients.admin.NewTopic[]::new));
    }

    public Set<String> topics() {
        return broker.doWithAdminFunction(admin -> {
            try {
                return admin.listTopics().names().get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
