package io.stride.backend.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.backend.BackendProperties;
import io.stride.core.kafka.KafkaSettings;
import io.stride.core.testing.TestBroker;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The topics of a task, created and deleted on a real broker. */
class TaskTopicsTest {

    private static final Duration RETENTION = Duration.ofMinutes(7);
    private static final int MAX_MESSAGE_BYTES = 4_194_304;

    private static TestBroker broker;
    private static TaskTopics topics;
    private static Admin admin;

    @BeforeAll
    static void start() {
        broker = new TestBroker();
        var kafka = new KafkaSettings(broker.bootstrapServers(), MAX_MESSAGE_BYTES, Duration.ofSeconds(1));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        topics = new TaskTopics(admin, kafka, properties());
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void aTaskGetsFourSinglePartitionTopicsThatHaveALeaderWhenCreateReturns() throws Exception {
        String task = TopicNames.newTaskId();
        topics.create(task);

        List<String> names = TopicNames.taskTopics(task);
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
        assertThat(described).containsOnlyKeys(names);
        assertThat(described.values()).allSatisfy(topic -> {
            assertThat(topic.partitions()).hasSize(1);
            assertThat(topic.partitions().get(0).leader()).isNotNull();
        });
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, names.get(0));
        var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo(String.valueOf(RETENTION.toMillis()));
        assertThat(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()).isEqualTo(String.valueOf(MAX_MESSAGE_BYTES));
        assertThat(config.get(TopicConfig.SEGMENT_MS_CONFIG).value()).as("closed segments, so retention applies")
                .isEqualTo(String.valueOf(RETENTION.dividedBy(4).toMillis()));
    }

    @Test
    void deletingRemovesEveryTopicOfTheTaskAndDeletingAgainIsHarmless() {
        String task = TopicNames.newTaskId();
        String other = TopicNames.newTaskId();
        topics.create(task);
        topics.create(other);

        topics.delete(task);
        topics.delete(task);

        assertThat(topics.names()).doesNotContainAnyElementsOf(TopicNames.taskTopics(task))
                .containsAll(TopicNames.taskTopics(other));
    }

    @Test
    void creatingTheTopicsOfATaskTwiceSaysWhichTask() {
        String task = TopicNames.newTaskId();
        topics.create(task);

        assertThatThrownBy(() -> topics.create(task))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot create the topics of task " + task + ": ")
                .hasMessageContaining("TopicExistsException");
    }

    private static BackendProperties properties() {
        return new BackendProperties("localhost", 8554, RETENTION, Duration.ofDays(7), Duration.ofSeconds(60), 90, 600,
                2, 32, Duration.ofSeconds(60), 3840, 2160, Duration.ofHours(1), Duration.ofSeconds(120),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15));
    }
}
