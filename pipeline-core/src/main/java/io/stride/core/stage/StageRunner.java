package io.stride.core.stage;

import io.stride.core.kafka.KafkaClients;
import io.stride.core.kafka.KafkaSettings;
import io.stride.core.task.TaskEventPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a {@link StageProcessor} against Kafka: {@code concurrency} consumer threads of one group subscribe
 * to the stage's input topics by pattern and share one idempotent producer.
 */
public class StageRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StageRunner.class);

    private final StageProperties properties;
    private final KafkaClients kafka;
    private final StageProcessor processor;
    private final TaskEventPublisher events;
    private final StageMetrics metrics;
    private final List<StageWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private Producer<String, byte[]> producer;
    private AutoCloseable producerMetrics;
    private TaskEventFollower followedTasks;

    public StageRunner(StageProperties properties, KafkaClients kafka, StageProcessor processor,
                       TaskEventPublisher events, StageMetrics metrics) {
        this.properties = properties;
        this.kafka = kafka;
        this.processor = processor;
        this.events = events;
        this.metrics = metrics;
    }

    @Override
    public synchronized void start() {
        warmUp();
        producer = kafka.frameProducer();
        producerMetrics = metrics.bindKafkaClient(producer);
        followedTasks = new TaskEventFollower(kafka, "stage-" + properties.name() + "-task-events");
        followedTasks.start();
        for (int i = 0; i < properties.concurrency(); i++) {
            var worker = new StageWorker(properties, kafka, processor, producer, events, metrics, followedTasks);
            var thread = new Thread(worker, "stage-" + properties.name() + "-" + i);
            workers.add(worker);
            threads.add(thread);
            thread.start();
        }
        log.info("Stage {} consuming {} → {} with {} thread(s)", properties.name(), properties.input().pattern(),
                properties.output().map(s -> s.pattern().pattern()).orElse("(none)"), properties.concurrency());
    }

    /** A warm-up that fails costs only the first task's speed; a processor that is really broken fails that task. */
    private void warmUp() {
        long start = System.nanoTime();
        try {
            metrics.unrecorded(() -> {
                processor.warmUp();
                return null;
            });
            log.info("Stage {} warmed up in {} ms", properties.name(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (Exception e) {
            log.warn("Stage {}: warm-up failed, the first task will pay for it: {}", properties.name(), e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        workers.forEach(StageWorker::shutdown);
        if (followedTasks != null) {
            followedTasks.shutdown();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        threads.clear();
        if (producer != null) {
            closeQuietly(producerMetrics);
            producer.close(KafkaSettings.PRODUCER_CLOSE_TIMEOUT);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return !threads.isEmpty();
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.debug("closing {}: {}", resource, e.toString());
        }
    }
}
