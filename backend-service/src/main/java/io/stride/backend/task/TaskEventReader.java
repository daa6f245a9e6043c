package io.stride.backend.task;

import io.stride.backend.topics.TaskTopics;
import io.stride.core.kafka.ConsumerLoop;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventCodec;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link TaskRegistry} current: at start-up it loads the tasks from the {@link TaskStore}, then it reads
 * the events topic from where the store's records end and folds every event into the registry, writing each task's
 * record back to the store when an event other than progress changed it. The store is the only thing read in full,
 * so a start takes time in proportion to the tasks that exist, not to the events ever sent. No consumer group:
 * every backend instance needs every event. Start-up waits (up to {@link #REPLAY_WAIT}) until the events that
 * existed at start are applied, so the first requests see every earlier task and the queue is rebuilt before
 * anything is admitted.
 *
 * <p>The reader never gives up: when the broker is away (also at start-up) or the consumer fails, it waits
 * {@link #RETRY_PAUSE} and reads on from the next event it has not applied. Start-up does not wait for a broker
 * that is away: the backend comes up not ready, and becomes ready once the events are read. {@link #problem()} says what keeps it
 * from being current, for the readiness check.
 */
@Component
class TaskEventReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskEventReader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    /** Longest start-up wait for the replay; beyond it the backend starts and the replay finishes later. */
    static final Duration REPLAY_WAIT = Duration.ofSeconds(60);
    /** Longest wait for the broker to say where the events end; Kafka's default (60 s) would delay the start. */
    private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(10);
    /** Pause before reading again after the broker or the consumer failed. */
    static final Duration RETRY_PAUSE = Duration.ofSeconds(2);
    /** The web server starts in phase {@code DEFAULT_PHASE - 1024}; this reader starts before it. */
    private static final int PHASE_BEFORE_WEB_SERVER = 2048;
    /** Longest wait at shutdown for the reader's thread to end. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final TopicPartition PARTITION = new TopicPartition(TopicNames.TASK_EVENTS, 0);

    /** How often the store is told how far the events are folded into it (when they are further). */
    static final Duration POSITION_INTERVAL = Duration.ofSeconds(10);

    private final KafkaClients kafka;
    private final TaskTopics topics;
    private final TaskStore store;
    private final TaskRegistry registry;
    private long savedPosition = -1;
    private long positionSavedAt = System.nanoTime();
    private final ConsumerLoop loop;
    /** The offset of the next event to apply; -1 before the first read. */
    private long nextOffset = -1;
    private volatile String problem = "the task events have not been read yet";
    /** Reads that failed; start-up stops waiting for the replay at the first, since the broker is away. */
    private volatile int failures;

    TaskEventReader(KafkaClients kafka, TaskTopics topics, TaskStore store, TaskRegistry registry) {
        this.kafka = kafka;
        this.topics = topics;
        this.store = store;
        this.registry = registry;
        this.loop = new ConsumerLoop("task-event-reader", RETRY_PAUSE, this::readUntilStopped, this::failed)
                .interruptOnStop();
    }

    @Override
    public void start() {
        loop.start();
        try {
            long deadline = System.nanoTime() + REPLAY_WAIT.toNanos();
            while (!registry.awaitReplayed(POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                if (failures > 0 || System.nanoTime() > deadline) {
                    log.warn("The task events are not replayed yet ({}); starting, not ready until they are",
                            problem);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What keeps the backend's view of the tasks from being current, or null when nothing does. */
    String problem() {
        return loop.endedUnexpectedly() ? "the task event reader stopped" : problem;
    }

    private void failed(RuntimeException e) {
        problem = "cannot read the task events: " + e;
        failures++;
        log.warn("Reading the task events failed ({}); trying again in {} s", e.toString(), RETRY_PAUSE.toSeconds());
    }

    private void readUntilStopped() {
        if (nextOffset < 0) {
            topics.ensureEventsTopics();
            topics.ensureTaskStoreTopic();
            nextOffset = restore();
        }
        try (Consumer<String, String> c = kafka.eventReader()) {
            if (!loop.register(c)) {
                return;
            }
            c.assign(List.of(PARTITION));
            c.seek(PARTITION, nextOffset);
            long replayEnd = c.endOffsets(List.of(PARTITION), END_OFFSETS_TIMEOUT).get(PARTITION);
            while (loop.isRunning()) {
                for (ConsumerRecord<String, String> record : c.poll(POLL_TIMEOUT)) {
                    apply(record);
                    nextOffset = record.offset() + 1;
                }
                savePositionNowAndThen();
                if (c.position(PARTITION) >= replayEnd) {
                    registry.markReplayed();
                    problem = null;
                }
            }
        }
    }

    /**
     * Loads the store into the registry and returns the events offset to read from: the earliest that a task which
     * has not ended may still need (its progress since its record was written), or where the store's records end.
     */
    private long restore() {
        TaskStore.Contents contents = store.load();
        registry.restore(contents.tasks());
        long from = contents.eventsPosition() < 0 ? 0 : contents.eventsPosition();
        for (TaskRecord task : contents.tasks()) {
            if (!task.isEnded()) {
                from = Math.min(from, task.eventsOffset());
            }
        }
        savedPosition = contents.eventsPosition();
        log.info("Loaded {} tasks from the task store; reading the task events from offset {}",
                contents.tasks().size(), from);
        return from;
    }

    /** Applies the event, and writes its task's record to the store if the event changed more than progress. */
    private void apply(ConsumerRecord<String, String> record) {
        TaskEvent event;
        try {
            event = TaskEventCodec.decode(record.value());
        } catch (IllegalArgumentException e) {
            log.warn("Skipping unreadable task event at offset {}: {}", record.offset(), e.getMessage());
            return;
        }
        registry.apply(event);
        if (event.type() == TaskEvent.Type.PROGRESS) {
            return;
        }
        if (registry.isDeleted(event.taskId())) {
            store.remove(event.taskId());
            registry.forget(event.taskId());
        } else {
            registry.record(event.taskId(), record.offset() + 1).ifPresent(store::save);
        }
    }

    private void savePositionNowAndThen() {
        if (nextOffset > savedPosition && System.nanoTime() - positionSavedAt >= POSITION_INTERVAL.toNanos()) {
            store.savePosition(nextOffset);
            savedPosition = nextOffset;
            positionSavedAt = System.nanoTime();
        }
    }

    @Override
    public void stop() {
        loop.stop(STOP_WAIT);
    }

    /** Before the web server's phase: requests arrive only once the earlier tasks are known. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - PHASE_BEFORE_WEB_SERVER;
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
