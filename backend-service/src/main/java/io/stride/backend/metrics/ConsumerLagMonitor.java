package io.stride.backend.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stride.core.topic.StageId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code stride.stage.consumer.lag{stage}}: the frame records waiting in Kafka for each stage, summed
 * over every task's topic of the family the stage consumes. A stage whose lag keeps growing is the bottleneck.
 * Measured with the AdminClient every {@code stride.metrics.lag-interval}; the gauge reads NaN while the broker
 * does not answer, so a stale number never passes for a current one.
 */
@Component
public class ConsumerLagMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMonitor.class);
    private static final double UNKNOWN = Double.NaN;

    private final MetricsProperties properties;
    private final Admin admin;
    private final Map<StageId, AtomicLong> lagBits = new LinkedHashMap<>();
    private final TaskScheduler scheduler;
    private volatile ScheduledFuture<?> measurements;
    private volatile boolean failing;

    public ConsumerLagMonitor(Admin admin, MetricsProperties properties, MeterRegistry registry,
                              TaskScheduler scheduler) {
        this.admin = admin;
        this.properties = properties;
        this.scheduler = scheduler;
        for (StageId stage : StageId.inOrder()) {
            AtomicLong bits = new AtomicLong(Double.doubleToLongBits(UNKNOWN));
            lagBits.put(stage, bits);
            Gauge.builder("stride.stage.consumer.lag", bits, b -> Double.longBitsToDouble(b.get()))
                    .tag("stage", stage.id())
                    .description("Frame records in Kafka not yet consumed by the stage, over all tasks")
                    .register(registry);
        }
    }

    /** The last measured lag of a stage; NaN before the first measurement and while the broker is unreachable. */
    public double lag(String stage) {
        return lagBits.entrySet().stream().filter(e -> e.getKey().id().equals(stage)).findFirst()
                .map(e -> Double.longBitsToDouble(e.getValue().get())).orElse(UNKNOWN);
    }

    /** Measures every stage's lag now. */
    public void measure() {
        try {
            Map<StageId, Long> lags = measureAll();
            lags.forEach((stage, lag) -> lagBits.get(stage).set(Double.doubleToLongBits(lag)));
            if (failing) {
                log.info("Consumer lag measurable again: {}", lags);
                failing = false;
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            lagBits.values().forEach(bits -> bits.set(Double.doubleToLongBits(UNKNOWN)));
            if (!failing) {
                log.warn("Cannot measure consumer lag: {}", e.toString());
                failing = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<StageId, Long> measureAll() throws ExecutionException, TimeoutException, InterruptedException {
        Set<String> topics = await(admin.listTopics().names());
        Map<StageId, List<String>> inputs = new LinkedHashMap<>();
        for (StageId stage : lagBits.keySet()) {
            inputs.put(stage, topics.stream().filter(topic -> stage.input().taskIdOf(topic).isPresent()).toList());
        }
        List<TopicPartition> partitions = partitionsOf(inputs.values().stream().flatMap(List::stream).toList());
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());

        Map<StageId, Long> lags = new LinkedHashMap<>();
        for (Map.Entry<StageId, List<String>> input : inputs.entrySet()) {
            Set<String> own = Set.copyOf(input.getValue());
            Map<TopicPartition, Long> stageEnds = ends.entrySet().stream()
                    .filter(e -> own.contains(e.getKey().topic()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            lags.put(input.getKey(), ConsumerLag.of(stageEnds, starts, committed(input.getKey())));
        }
        return lags;
    }

    /** Partitions of the topics; a topic deleted since it was listed (a task cleaned up) is left out. */
    private List<TopicPartition> partitionsOf(Collection<String> topics) throws InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic
                : admin.describeTopics(topics).topicNameValues().entrySet()) {
            try {
                await(topic.getValue()).partitions()
                        .forEach(p -> partitions.add(new TopicPartition(topic.getKey(), p.partition())));
            } catch (ExecutionException e) {
                log.debug("Topic {} vanished while measuring lag: {}", topic.getKey(), e.getCause().toString());
            }
        }
        return partitions;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        ListOffsetsResult result = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> spec)));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            try {
                offsets.put(partition, await(result.partitionResult(partition)).offset());
            } catch (ExecutionException e) {
                log.debug("Partition {} vanished while measuring lag: {}", partition, e.getCause().toString());
            }
        }
        return offsets;
    }

    private Map<TopicPartition, Long> committed(StageId stage)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                await(admin.listConsumerGroupOffsets(stage.groupId()).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
            }
        });
        return committed;
    }

    private <T> T await(KafkaFuture<T> future) throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(properties.adminTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void start() {
        measurements = scheduler.scheduleWithFixedDelay(this::measure, properties.lagInterval());
    }

    @Override
    public synchronized void stop() {
        if (measurements != null) {
            measurements.cancel(true);
            measurements = null;
        }
    }

    @Override
    public boolean isRunning() {
        return measurements != null;
    }
}
