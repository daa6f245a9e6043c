package io.stride.backend.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.testing.TestBroker;
import io.stride.core.topic.Stage;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The lag gauges against a real broker: records produced to each stage's topics minus what its group committed. */
class ConsumerLagMonitorTest {

    private static final MetricsProperties DEFAULTS = new MetricsProperties(Duration.ofSeconds(5),
            Duration.ofSeconds(5));

    /** The tests measure themselves; nothing is scheduled. */
    private static final TaskScheduler UNUSED = new ThreadPoolTaskScheduler();

    private static TestBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = new TestBroker();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.close();
    }

    @Test
    void eachStageLagsByWhatItsGroupHasNotCommittedOfItsInputTopics() throws Exception {
        String first = TopicNames.newTaskId();
        String second = TopicNames.newTaskId();
        admin.createTopics(List.of(topic(Stage.RAW_FRAMES.topic(first)), topic(Stage.YOLOX.topic(first)),
                topic(Stage.RAW_FRAMES.topic(second)))).all().get();
        produce(Stage.RAW_FRAMES.topic(first), 10);
        produce(Stage.YOLOX.topic(first), 4);
        produce(Stage.RAW_FRAMES.topic(second), 5);
        commit("stride-yolox", Stage.RAW_FRAMES.topic(first), 3);

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        var monitor = new ConsumerLagMonitor(admin, DEFAULTS, meters, UNUSED);
        monitor.measure();

        assertThat(monitor.lag("yolox")).isEqualTo(10 - 3 + 5);
        assertThat(monitor.lag("bytetrack")).isEqualTo(4);
        assertThat(monitor.lag("rtmpose")).isZero();
        assertThat(monitor.lag("annotation")).isZero();
        assertThat(meters.get("stride.stage.consumer.lag").tag("stage", "yolox").gauge().value()).isEqualTo(12);

        admin.deleteTopics(List.of(Stage.RAW_FRAMES.topic(second))).all().get();
        monitor.measure();

        assertThat(monitor.lag("yolox")).as("after the second task's topic is deleted").isEqualTo(7);
    }

    @Test
    void lagIsUnknownWhileTheBrokerDoesNotAnswer() {
        var properties = new MetricsProperties(Duration.ofSeconds(5), Duration.ofMillis(500));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        var absentBroker = new KafkaClients(TestBroker.kafkaSettings("localhost:1"));
        try (Admin absent = absentBroker.admin(properties.adminTimeout())) {
            var monitor = new ConsumerLagMonitor(absent, properties, meters, UNUSED);
            monitor.measure();

            assertThat(monitor.lag("yolox")).isNaN();
            assertThat(meters.get("stride.stage.consumer.lag").tag("stage", "annotation").gauge().value()).isNaN();
        }
    }

    private static NewTopic topic(String name) {
        return new NewTopic(name, 1, (short) 1);
    }

    private static void produce(String topic, int records) throws Exception {
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, new byte[] {(byte) i})).get();
            }
        }
    }

    private static void commit(String group, String topic, long offset) {
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(offset)));
        }
    }
}
