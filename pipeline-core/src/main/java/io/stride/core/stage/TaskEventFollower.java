package io.stride.core.stage;

import io.stride.core.kafka.KafkaClients;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventCodec;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stage learns from the fleet's task events. Tasks that failed or were cancelled anywhere, so every stage
 * stops spending work on them and releases their state; and that a task started, so the stage's workers look for
 * its new topics at once instead of at the consumers' next periodic metadata refresh. Reads from the end of the
 * topic: a stage only needs to hear of tasks that start or end while it runs. A task is remembered for {@link #MEMORY}, far longer than its records
 * can still arrive (its topics are deleted a minute after it ends), so that weeks of uptime do not grow the set.
 * A read that fails is retried; the thread never dies of it.
 */
final class TaskEventFollower implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(TaskEventFollower.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    /** How long an ended task is remembered. */
    static final Duration MEMORY = Duration.ofHours(6);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    /** Ended tasks, with when this process learnt of it ({@code System.nanoTime}). */
    private final Map<String, Long> ended = new ConcurrentHashMap<>();
    private final AtomicLong starts = new AtomicLong();
    private final KafkaClients kafka;
    private volatile Consumer<String, String> consumer;
    private volatile boolean running = true;

    TaskEventFollower(KafkaClients kafka) {
        this.kafka = kafka;
    }

    /** How many {@code STARTED} events this process has read; a change means new task topics to look for. */
    long starts() {
        return starts.get();
    }

    boolean contains(String taskId) {
        return ended.containsKey(taskId);
    }

    void add(String taskId) {
        long now = System.nanoTime();
        ended.put(taskId, now);
        ended.values().removeIf(learnt -> now - learnt > MEMORY.toNanos());
    }

    @Override
    public void run() {
        long position = -1;
        while (running) {
            try {
                position = follow(position);
            } catch (WakeupException e) {
                return; // stopping
            } catch (RuntimeException e) {
                log.warn("Following the task events failed; trying again in {} s: {}", RETRY_PAUSE.toSeconds(),
                        e.toString());
                pause();
            }
        }
    }

    /** Reads on from {@code position} (the end when -1) until stopped; returns where it stopped. */
    private long follow(long position) {
        var partition = new TopicPartition(TopicNames.TASK_EVENTS, 0);
        // A position the retention removed resumes at the earliest event left: of the events missed meanwhile,
        // those still there are read, rather than none.
        try (Consumer<String, String> c = kafka.eventReader()) {
            consumer = c;
            c.assign(List.of(partition));
            if (position < 0) {
                c.seekToEnd(List.of(partition));
            } else {
                c.seek(partition, position);
            }
            while (running) {
                for (ConsumerRecord<String, String> record : c.poll(POLL_TIMEOUT)) {
                    note(record.value());
                    position = record.offset() + 1;
                }
            }
            return position;
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void note(String json) {
        try {
            TaskEvent event = TaskEventCodec.decode(json);
            if (event.type() == TaskEvent.Type.FAILED || event.type() == TaskEvent.Type.CANCELLED) {
                add(event.taskId());
            } else if (event.type() == TaskEvent.Type.STARTED) {
                starts.incrementAndGet();
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
