package io.stride.e2e.bench;

import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventCodec;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@link TopicNames#TASK_EVENTS} as the backend does, without a consumer group (so the fleet's groups are
 * untouched), and answers when a stage first reported progress on a task: the moment its first frames were done.
 */
final class TaskEventLog implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, String> consumer;
    /** Epoch milliseconds of the first PROGRESS, by task id and then by source. */
    private final Map<String, Map<String, Long>> firstProgress = new HashMap<>();

    TaskEventLog(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TopicNames.TASK_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** When {@code source} first published PROGRESS for {@code taskId}, epoch milliseconds, as it stamped it. */
    long firstProgress(String taskId, String source) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> seen = Optional.ofNullable(firstProgress.getOrDefault(taskId, Map.of()).get(source));
            if (seen.isPresent()) {
                return seen.get();
            }
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                TaskEvent event = TaskEventCodec.decode(record.value());
                if (event.type() == TaskEvent.Type.PROGRESS) {
                    firstProgress.computeIfAbsent(event.taskId(), id -> new HashMap<>())
                            .putIfAbsent(event.source(), event.timestamp());
                }
            }
        }
        throw new IllegalStateException("no PROGRESS from " + source + " for task " + taskId + " within " + WAIT);
    }

    /** Every source's first PROGRESS for {@code taskId} seen so far, epoch milliseconds, earliest first. */
    Map<String, Long> firstProgressBySource(String taskId) {
        Map<String, Long> bySource = new LinkedHashMap<>();
        firstProgress.getOrDefault(taskId, Map.of()).entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> bySource.put(e.getKey(), e.getValue()));
        return bySource;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
