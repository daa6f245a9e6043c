package io.stride.backend.task;

import io.stride.core.kafka.KafkaSettings;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventCodec;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the events topic from its beginning and folds every event into the {@link TaskRegistry}. No
 * consumer group: every backend instance needs every event, and a restart must replay them all. Start-up
 * waits (up to {@link #REPLAY_WAIT}) until the events that existed at start are applied, so the first
 * requests see every earlier task and the queue is rebuilt before anything is admitted.
 */
@Component
class TaskEventReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskEventReader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    /** Longest start-up wait for the replay; beyond it the backend starts and the replay finishes later. */
    static final Duration REPLAY_WAIT = Duration.ofSeconds(60);
    /** The web server starts in phase {@code DEFAULT_PHASE - 1024}; this reader starts before it. */
    private static final int PHASE_BEFORE_WEB_SERVER = 2048;

    private final KafkaSettings kafka;
    private final TaskRegistry registry;
    private volatile Consumer<String, String> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    TaskEventReader(KafkaSettings kafka, TaskRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    @Override
    public void start() {
        running = true;
        consumer = new KafkaConsumer<>(kafka.eventReader());
        thread = new Thread(this::readForever, "task-event-reader");
        thread.start();
        try {
            if (!registry.awaitReplayed(REPLAY_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                log.warn("The task events were not replayed within {} s; starting anyway", REPLAY_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readForever() {
        try (Consumer<String, String> c = consumer) {
            var partition = new TopicPartition(TopicNames.TASK_EVENTS, 0);
            c.assign(List.of(partition));
            c.seekToBeginning(List.of(partition));
            long replayEnd = c.endOffsets(List.of(partition)).get(partition);
            while (running) {
                for (ConsumerRecord<String, String> record : c.poll(POLL_TIMEOUT)) {
                    apply(record);
                }
                if (c.position(partition) >= replayEnd) {
                    registry.markReplayed();
                }
            }
        } catch (WakeupException e) {
            // stopping
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        try {
            TaskEvent event = TaskEventCodec.decode(record.value());
            registry.apply(event);
        } catch (IllegalArgumentException e) {
            log.warn("Skipping unreadable task event at offset {}: {}", record.offset(), e.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Before the web server's phase: requests arrive only once the earlier tasks are known. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - PHASE_BEFORE_WEB_SERVER;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
