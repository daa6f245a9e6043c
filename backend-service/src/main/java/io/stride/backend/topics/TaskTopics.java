package io.stride.backend.topics;

import io.stride.backend.BackendProperties;
import io.stride.core.kafka.KafkaSettings;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates and deletes topics through the AdminClient (brokers run with auto-creation off). A task's four
 * frame topics have one partition each, so its frames stay in order, and a retention; the events topic
 * is shared by every task.
 */
@Component
public class TaskTopics {

    private static final Logger log = LoggerFactory.getLogger(TaskTopics.class);
    private static final int PARTITIONS_PER_TASK_TOPIC = 1;
    private static final short REPLICATION = 1;
    private static final Duration LEADER_POLL = Duration.ofMillis(50);
    private static final int SEGMENTS_PER_RETENTION = 4;
    /** The backend's task store: the latest state of every task, keyed by task id. */
    public static final String TASK_STORE = "stride_task_state";

    private final Admin admin;
    private final BackendProperties properties;
    private final KafkaSettings kafka;
    private final Duration timeout;

    public TaskTopics(Admin admin, KafkaSettings kafka, BackendProperties properties) {
        this.admin = admin;
        this.properties = properties;
        this.kafka = kafka;
        this.timeout = properties.brokerTimeout();
    }

    /** Creates the task events topic and the analytics events topic if they do not exist yet. */
    public void ensureEventsTopics() {
        for (String name : List.of(TopicNames.TASK_EVENTS, TopicNames.ANALYTICS_EVENTS)) {
            ensure(new NewTopic(name, 1, REPLICATION).configs(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, String.valueOf(properties.eventsRetention().toMillis()))));
        }
    }

    /**
     * Creates the task store's topic if it does not exist yet: compacted, so it keeps the latest record of each
     * task for as long as the task exists, and nothing of a task whose record was removed.
     */
    public void ensureTaskStoreTopic() {
        ensure(new NewTopic(TASK_STORE, 1, REPLICATION).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    private void ensure(NewTopic topic) {
        try {
            await(admin.createTopics(List.of(topic)).all());
            log.info("Created topic {}", topic.name());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic.name() + ": " + e.getCause(), e);
            }
        }
    }

    /**
     * Creates the four frame topics of a task and returns once each has a leader: a producer's first batch to a
     * topic without one is refused, and its retry may land after the batches sent behind it.
     */
    public void create(String taskId) {
        Map<String, String> configs = Map.of(
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(properties.topicRetention().toMillis()),
                TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(segmentRoll().toMillis()),
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(kafka.maxMessageBytes()));
        List<NewTopic> topics = TopicNames.taskTopics(taskId).stream()
                .map(name -> new NewTopic(name, PARTITIONS_PER_TASK_TOPIC, REPLICATION).configs(configs))
                .toList();
        try {
            await(admin.createTopics(topics).all());
            awaitLeaders(TopicNames.taskTopics(taskId));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the topics of task " + taskId + ": " + e.getCause(), e);
        }
    }

    /**
     * How often a task topic starts a new log segment. Retention removes only closed segments, and Kafka's 1 GB
     * segments would hold thousands of frames past it: rolled at a quarter of the retention, a running task's topic
     * keeps about its retention's worth of frames on disk, however long the task runs.
     */
    private Duration segmentRoll() {
        return properties.topicRetention().dividedBy(SEGMENTS_PER_RETENTION);
    }

    private void awaitLeaders(List<String> topics) throws ExecutionException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!allHaveLeaders(topics)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " have no leader after " + timeout.toSeconds()
                        + " s");
            }
            sleep(LEADER_POLL);
        }
    }

    private boolean allHaveLeaders(List<String> topics) throws ExecutionException {
        try {
            return await(admin.describeTopics(topics).allTopicNames()).values().stream()
                    .flatMap(topic -> topic.partitions().stream())
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // created, but not yet in the metadata of the broker that answered
            }
            throw e;
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic leaders", e);
        }
    }

    /**
     * Deletes whichever of the task's topics still exist. A topic that another deletion removed in the meantime
     * (the listing still names a topic while the broker deletes it) counts as deleted.
     */
    public void delete(String taskId) {
        try {
            Set<String> existing = await(admin.listTopics().names());
            List<String> doomed = TopicNames.taskTopics(taskId).stream().filter(existing::contains).toList();
            if (doomed.isEmpty()) {
                return;
            }
            for (var deletion : admin.deleteTopics(doomed).topicNameValues().values()) {
                awaitDeletion(deletion);
            }
            log.info("Deleted topics {}", doomed);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot delete the topics of task " + taskId + ": " + e.getCause(), e);
        }
    }

    private void awaitDeletion(KafkaFuture<Void> deletion) throws ExecutionException {
        try {
            await(deletion);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    /** Names of all topics; used by health checks and tests. */
    public Set<String> names() {
        try {
            return await(admin.listTopics().names());
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause(), e);
        }
    }

    private <T> T await(KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to Kafka", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout.toSeconds() + " s", e);
        }
    }
}
