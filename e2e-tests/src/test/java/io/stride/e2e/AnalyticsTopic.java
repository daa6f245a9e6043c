package io.stride.e2e;

import io.stride.core.kafka.KafkaClients;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@code stride_analytics_events} as an integrator does: a plain consumer, every partition from the start. */
public final class AnalyticsTopic {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private AnalyticsTopic() {
    }

    /** A task's records now on the topic, in their order, each checked to be keyed by the task. */
    public static List<JsonNode> eventsOf(KafkaClients kafka, String taskId) {
        try (Consumer<String, String> consumer = kafka.eventReader()) {
            List<TopicPartition> partitions = consumer.partitionsFor(TopicNames.ANALYTICS_EVENTS, READ_TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            List<JsonNode> events = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(TopicNames.ANALYTICS_EVENTS + " not read to its end within "
                            + READ_TIMEOUT);
                }
                for (var record : consumer.poll(POLL)) {
                    JsonNode event = JSON.readTree(record.value());
                    if (event.get("task_id").asText().equals(taskId)) {
                        if (!taskId.equals(record.key())) {
                            throw new AssertionError("event of task " + taskId + " keyed " + record.key());
                        }
                        events.add(event);
                    }
                }
            }
            return events;
        }
    }
}
