package io.stride.backend.webhook;

import io.stride.backend.task.TaskRegistry;
import io.stride.backend.tasks.LiveTaskFeed;
import io.stride.core.kafka.ConsumerLoop;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.topic.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the analytics events the annotation stage publishes ({@link TopicNames#ANALYTICS_EVENTS}) as a member of
 * {@code stride.webhooks.consumer-group}, drops those a restarted stage publishes again ({@link EventSequence}),
 * and hands each to the live feed and to its task's webhook. A task's end goes to its webhook from here too, once
 * every analytics event the task published before it ended has been read, so that it comes last; the member that
 * reads the task's partition sends it.
 *
 * <p>Offsets are committed up to the oldest event not yet delivered or given up ({@link PendingOffsets}): a backend
 * that stops, or a partition that moves to another member, has the rest read and sent again (at least once; the
 * {@code X-Stride-Event-Id} header tells a repeat).
 */
@Component
class AnalyticsEventReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsEventReader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);
    /** Pause before reading again after the broker or the consumer failed. */
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);
    /** Longest wait at shutdown for the reader's thread to end. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final KafkaClients kafka;
    private final TaskRegistry registry;
    private final LiveTaskFeed feed;
    private final WebhookDeliveries deliveries;
    private final String group;
    private final EventSequence sequence = new EventSequence();
    private final PendingOffsets offsets = new PendingOffsets();
    /** Ended tasks whose end waits for their analytics events to be read. */
    private final ConcurrentLinkedQueue<String> endedTasks = new ConcurrentLinkedQueue<>();
    private final List<PendingEnd> pendingEnds = new ArrayList<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final ConsumerLoop loop;

    /** An end to send once the reader has read its partition up to {@code until} (-1: not looked up yet). */
    private static final class PendingEnd {
        private final String taskId;
        private long until = -1;

        private PendingEnd(String taskId) {
            this.taskId = taskId;
        }
    }

    AnalyticsEventReader(KafkaClients kafka, TaskRegistry registry, LiveTaskFeed feed, WebhookDeliveries deliveries,
                         WebhookProperties properties) {
        this.kafka = kafka;
        this.registry = registry;
        this.feed = feed;
        this.deliveries = deliveries;
        this.group = properties.consumerGroup();
        // No interrupt on stop: the consumer, woken up, closes itself; an interrupted close fails with errors.
        this.loop = new ConsumerLoop("analytics-event-reader", RETRY_PAUSE, this::readUntilStopped,
                e -> log.warn("Reading the analytics events failed ({}); trying again in {} s", e.toString(),
                        RETRY_PAUSE.toSeconds()))
                .daemon();
        registry.onTaskEnded(taskId -> {
            if (deliveries.wantsEnd(taskId)) {
                endedTasks.add(taskId);
            }
        });
        registry.onChange(taskId -> {
            if (!registry.isKnown(taskId)) {
                sequence.forget(taskId);
            }
        });
    }

    private void readUntilStopped() {
        awaitTaskEventsReplayed();
        try (Consumer<String, String> c = kafka.eventConsumer(group)) {
            if (!loop.register(c)) {
                return;
            }
            c.subscribe(List.of(TopicNames.ANALYTICS_EVENTS), new Rebalance(c));
            while (loop.isRunning()) {
                for (ConsumerRecord<String, String> record : c.poll(POLL_TIMEOUT)) {
                    handle(record);
                }
                sendEndsReadUpTo(c);
                commit(c);
            }
        } finally {
            synchronized (assigned) {
                offsets.forget(assigned);
                assigned.clear();
            }
        }
    }

    private void handle(ConsumerRecord<String, String> record) {
        Runnable settled = offsets.take(new TopicPartition(record.topic(), record.partition()), record.offset());
        AnalyticsEventRecord event;
        try {
            event = AnalyticsEventRecord.parse(record.key(), record.value());
        } catch (IllegalArgumentException | NullPointerException e) {
            log.warn("Skipping unreadable analytics event at offset {}: {}", record.offset(), e.getMessage());
            settled.run();
            return;
        }
        if (!sequence.isNew(event)) {
            settled.run();
            return;
        }
        feed.sendAnalytics(event.json());
        deliveries.send(WebhookEvent.analytics(event, settled));
    }

    /** The events topic is created, and the tasks known, once the task events are replayed. */
    private void awaitTaskEventsReplayed() {
        try {
            while (loop.isRunning() && !registry.awaitReplayed(POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                // waiting
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the task events to be replayed", e);
        }
    }

    /** Sends the ends whose task's analytics events are all read, in the order the tasks ended. */
    private void sendEndsReadUpTo(Consumer<String, String> c) {
        for (String taskId; (taskId = endedTasks.poll()) != null; ) {
            pendingEnds.add(new PendingEnd(taskId));
        }
        Set<TopicPartition> mine;
        synchronized (assigned) {
            mine = Set.copyOf(assigned);
        }
        if (pendingEnds.isEmpty() || mine.isEmpty()) {
            return;
        }
        int partitions = c.partitionsFor(TopicNames.ANALYTICS_EVENTS, BROKER_TIMEOUT).size();
        for (Iterator<PendingEnd> i = pendingEnds.iterator(); i.hasNext(); ) {
            PendingEnd end = i.next();
            TopicPartition partition = partitionOf(end.taskId, partitions);
            if (!mine.contains(partition)) {
                i.remove(); // another member reads the task's events, and sends its end
                continue;
            }
            if (end.until < 0) {
                end.until = c.endOffsets(List.of(partition), BROKER_TIMEOUT).get(partition);
            }
            if (c.position(partition, BROKER_TIMEOUT) >= end.until) {
                deliveries.sendEnd(end.taskId);
                i.remove();
            }
        }
    }

    /** Where the producer's default partitioner puts the task's events: by the hash of its id, the key. */
    private static TopicPartition partitionOf(String taskId, int partitions) {
        int hash = Utils.toPositive(Utils.murmur2(taskId.getBytes(StandardCharsets.UTF_8)));
        return new TopicPartition(TopicNames.ANALYTICS_EVENTS, hash % partitions);
    }

    private void commit(Consumer<String, String> c) {
        var committable = offsets.committable();
        if (!committable.isEmpty()) {
            c.commitAsync(committable, (done, error) -> {
                if (error != null) {
                    log.debug("Committing the analytics events' offsets failed: {}", error.toString());
                }
            });
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        private final Consumer<String, String> c;

        private Rebalance(Consumer<String, String> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            synchronized (assigned) {
                assigned.addAll(partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                c.commitSync(offsets.committable());
            } catch (RuntimeException e) {
                log.debug("Committing before a rebalance failed: {}", e.toString());
            }
            synchronized (assigned) {
                assigned.removeAll(partitions);
                offsets.forget(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            synchronized (assigned) {
                assigned.removeAll(partitions);
                offsets.forget(partitions);
            }
        }
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop(STOP_WAIT);
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
