package io.stride.bytetrack.checkpoint;

import io.stride.core.kafka.KafkaClients;
import io.stride.core.kafka.KafkaSettings;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest {@link TrackerCheckpoint} of every running task, kept on the compacted topic
 * {@value TopicNames#TRACKER_CHECKPOINTS}, keyed by task id, so that it outlives the process that wrote it.
 *
 * <p>Writes go through one sender thread: a tracking thread only takes the snapshot (a copy of a few dozen
 * tracks) and never waits for encoding, the broker or its absence. The sender creates the topic if it is absent
 * before its first write, and again before the next one when that failed (the broker was away at start-up).
 *
 * <p>Reads happen on demand, only when the stage meets a task mid-stream, which is rare: no thread and no memory is
 * spent on a cache of every task's state (most of them tracked by other instances), and a read always sees the
 * latest acknowledged checkpoint, the previous process's last one included. A task's latest checkpoint is
 * normally among the topic's last records, so the read goes back from the end in small chunks and stops at the
 * first chunk that holds the task's key: its cost does not grow with the topic.
 */
public final class TrackerCheckpoints implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrackerCheckpoints.class);
    private static final String TOPIC = TopicNames.TRACKER_CHECKPOINTS;
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    /** As the events topic: one broker in every deployment Stride ships. */
    private static final short REPLICATION = 1;
    /**
     * Compaction never touches the active segment; rolled this often, superseded checkpoints (one every few
     * seconds per task) are cleaned away within minutes instead of piling up for Kafka's default of a week.
     */
    private static final Duration SEGMENT_ROLL = Duration.ofMinutes(10);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Records read per step back from the topic's end. */
    private static final int CHUNK = 32;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaClients kafka;
    private final Duration readTimeout;
    private final Producer<String, byte[]> producer;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tracker-checkpoints");
        thread.setDaemon(true);
        return thread;
    });
    /** Only touched by the sender thread. */
    private boolean topicExists;

    /**
     * @param readTimeout longest a read of a task's checkpoint may take; the stage does not poll meanwhile, and
     *                    past it resumes another way
     */
    public TrackerCheckpoints(KafkaClients kafka, Duration readTimeout) {
        this.kafka = kafka;
        this.readTimeout = readTimeout;
        this.producer = kafka.checkpointProducer();
        sender.execute(this::createTopicIfAbsent);
    }

    /** Keeps {@code checkpoint} as the task's latest, without waiting; a failure is logged and the next one tries. */
    public void save(String taskId, TrackerCheckpoint checkpoint) {
        sender.execute(() -> send(taskId, TrackerCheckpointCodec.encode(checkpoint), checkpoint.frameIndex()));
    }

    /** Forgets the task's checkpoints (a tombstone, which compaction removes with them), without waiting. */
    public void delete(String taskId) {
        sender.execute(() -> send(taskId, null, -1));
    }

    /**
     * The task's latest checkpoint; empty when it has none, or its latest was deleted.
     *
     * @throws KafkaException                    when the topic cannot be read within the read timeout
     * @throws TrackerCheckpointFormatException when the checkpoint was written in a format this build cannot read
     */
    public Optional<TrackerCheckpoint> latest(String taskId) {
        long deadline = System.nanoTime() + readTimeout.toNanos();
        try (Consumer<String, byte[]> consumer = kafka.positionalReader()) {
            if (consumer.partitionsFor(TOPIC, readTimeout).isEmpty()) {
                return Optional.empty();
            }
            consumer.assign(List.of(PARTITION));
            long begin = consumer.beginningOffsets(List.of(PARTITION), readTimeout).get(PARTITION);
            long end = consumer.endOffsets(List.of(PARTITION), readTimeout).get(PARTITION);
            for (long high = end; high > begin; high = Math.max(begin, high - CHUNK)) {
                Optional<ConsumerRecord<String, byte[]>> found =
                        lastOfTask(consumer, taskId, Math.max(begin, high - CHUNK), high, deadline);
                if (found.isPresent()) {
                    byte[] value = found.get().value();
                    return value == null ? Optional.empty() : Optional.of(TrackerCheckpointCodec.decode(value));
                }
            }
            return Optional.empty();
        }
    }

    /** The task's last record among the offsets {@code [low, high)}. */
    private Optional<ConsumerRecord<String, byte[]>> lastOfTask(Consumer<String, byte[]> consumer,
            String taskId, long low, long high, long deadline) {
        ConsumerRecord<String, byte[]> last = null;
        consumer.seek(PARTITION, low);
        while (consumer.position(PARTITION) < high) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("reading " + TOPIC + " took over " + readTimeout);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < high && taskId.equals(record.key())) {
                    last = record;
                }
            }
        }
        return Optional.ofNullable(last);
    }

    private void send(String taskId, byte[] value, long frameIndex) {
        if (!topicExists) {
            createTopicIfAbsent();
        }
        try {
            producer.send(new ProducerRecord<>(TOPIC, taskId, value), (metadata, error) -> {
                if (error != null) {
                    log.warn("Task {}: tracker checkpoint after frame {} not kept: {}", taskId, frameIndex,
                            error.toString());
                }
            });
        } catch (KafkaException e) {
            log.warn("Task {}: tracker checkpoint after frame {} not kept: {}", taskId, frameIndex, e.toString());
        }
    }

    /** Compacted: only each task's latest checkpoint matters. Records as large as frames may be, for crowds. */
    private void createTopicIfAbsent() {
        NewTopic topic = new NewTopic(TOPIC, 1, REPLICATION).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(kafka.settings().maxMessageBytes()),
                TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(SEGMENT_ROLL.toMillis())));
        try (Admin admin = kafka.admin(ADMIN_TIMEOUT)) {
            admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Created topic {}", TOPIC);
            topicExists = true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                topicExists = true;
            } else {
                log.warn("Cannot create {}; tried again before the next checkpoint: {}", TOPIC, e.getCause().toString());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            log.warn("Cannot create {} within {}; tried again before the next checkpoint", TOPIC, ADMIN_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends what was saved before, within a bound: a stopping service should not lose its latest checkpoints. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(KafkaSettings.PRODUCER_CLOSE_TIMEOUT);
    }
}
