package io.stride.core.stage;

import io.stride.core.kafka.KafkaSettings;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventCodec;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tasks that failed or were cancelled anywhere in the fleet, learnt from the events topic, so every stage
 * stops spending work on them and releases their state. Reads from the end of the topic: a stage only needs
 * to hear of tasks that end while it runs.
 */
final class EndedTasks implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(EndedTasks.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private final KafkaSettings kafka;
    private volatile Consumer<String, String> consumer;
    private volatile boolean running = true;

    EndedTasks(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    boolean contains(String taskId) {
        return ended.contains(taskId);
    }

    void add(String taskId) {
        ended.add(taskId);
    }

    @Override
    public void run() {
        Map<String, Object> props = kafka.eventReader();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (Consumer<String, String> c = new KafkaConsumer<>(props)) {
            consumer = c;
            var partition = new TopicPartition(TopicNames.TASK_EVENTS, 0);
            c.assign(List.of(partition));
            c.seekToEnd(List.of(partition));
            while (running) {
                for (ConsumerRecord<String, String> record : c.poll(POLL_TIMEOUT)) {
                    note(record.value());
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.warn("Stopped following task events: {}", e.toString());
        }
    }

    private void note(String json) {
        try {
            TaskEvent event = TaskEventCodec.decode(json);
            if (event.type() == TaskEvent.Type.FAILED || event.type() == TaskEvent.Type.CANCELLED) {
                ended.add(event.taskId());
            }
        } catch (IllegalArgumentException e) {
            // not ours to judge: the backend logs unreadable events
        }
    }

    void shutdown() {
        running = false;
        Consumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }
}
