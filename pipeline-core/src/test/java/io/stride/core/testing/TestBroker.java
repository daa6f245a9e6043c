package io.stride.core.testing;

import java.util.Map;
import java.util.Set;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node KRaft broker in the test JVM, configured like production: no topic auto-creation
 * (every topic Stride uses is created explicitly) and room for 4K frames.
 */
public final class TestBroker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    public TestBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "message.max.bytes", "33554432",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "5"));
        broker.afterPropertiesSet();
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
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
