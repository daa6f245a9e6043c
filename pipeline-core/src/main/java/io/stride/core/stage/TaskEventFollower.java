package io.stride.core.stage;

import io.stride.core.kafka.ConsumerLoop;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stage learns from the fleet's task events. Tasks that failed or were cancelled anywhere, so every stage
 * stops spending work on them and releases their state; and that a task started, so the stage's workers look for
 * its new topics at once instead of at the consumers' next periodic metadata refresh. Reads from the end of the
 * topic: a stage only needs to hear of tasks that start or end while it runs. A task is remembered for {@link #MEMORY}, far longer than its records
 * can still arrive (its topics are deleted a minute after it ends), so that weeks of uptime do not grow the set.
 * A read that fails is retried ({@link ConsumerLoop}); the thread never dies of it.
 */
final class TaskEventFollower {

    private static final Logger log = LoggerFactory.getLogger(TaskEventFollower.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    /** How long an ended task is remembered. */
    static final Duration MEMORY = Duration.ofHours(6);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);
    /** How long a stop waits for the thread: a poll is woken up at once, so this is only a bound. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /** Ended tasks, with when this process learnt of it ({@code System.nanoTime}). */
    private final Map<String, Long> ended = new ConcurrentHashMap<>();
    private final AtomicLong starts = new AtomicLong();
    private final KafkaClients kafka;
    private final ConsumerLoop loop;
    /** The offset to read on from after a failed read; -1: the end. Only the loop's thread uses it. */
    private long position = -1;

    TaskEventFollower(KafkaClients kafka, String threadName) {
        this.kafka = kafka;
        this.loop = new ConsumerLoop(threadName, RETRY_PAUSE, this::follow, e -> log.warn(
                "Following the task events failed; trying again in {} s: {}", RETRY_PAUSE.toSeconds(), e.toString()));
    }

    void start() {
        loop.start();
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

    /** Reads on from {@link #position} (the end when -1) until stopped. */
    private void follow() {
        var partition = new TopicPartition(TopicNames.TASK_EVENTS, 0);
        // A position the retention removed resumes at the earliest event left: of the events missed meanwhile,
        // those still there are read, rather than none.
        try (Consumer<String, String> c = kafka.eventReader()) {
            if (!loop.register(c)) {
                return;
            }
            c.assign(List.of(partition));
            if (position < 0) {
                c.seekToEnd(List.of(partition));
            } else {
                c.seek(partition, position);
            }
            while (loop.isRunning()) {
                for (ConsumerRecord<String, String> record : c.poll(POLL_TIMEOUT)) {
                    note(record.value());
                    position = record.offset() + 1;
                }
            }
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

    /** Stops reading and waits for the thread to end. */
    void shutdown() {
        loop.stop(STOP_WAIT);
    }
}
