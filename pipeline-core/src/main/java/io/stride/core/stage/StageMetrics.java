package io.stride.core.stage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.concurrent.Callable;

/**
 * The metrics every stage publishes, under one naming scheme with the tag {@code stage} (task ids are never
 * tags: their number is unbounded):
 * <ul>
 *   <li>{@code stride.stage.frames.in} / {@code .out}: records consumed and produced</li>
 *   <li>{@code stride.stage.batch.seconds}: wall time of one batch through the processor</li>
 *   <li>{@code stride.stage.phase.seconds{phase}}: preprocess, inference, postprocess, encode …</li>
 *   <li>{@code stride.inference.batch.size}: images per inference call</li>
 *   <li>{@code stride.stage.errors{kind}}: failed tasks by cause</li>
 * </ul>
 */
public final class StageMetrics {

    private final MeterRegistry registry;
    private final String stage;
    private final Counter framesIn;
    private final Counter framesOut;
    private final Timer batchTime;
    private final DistributionSummary batchSize;
    /** Set on a thread doing work that is not a task's (the warm-up), whose phases and batches are not recorded. */
    private final ThreadLocal<Boolean> unrecorded = ThreadLocal.withInitial(() -> false);

    public StageMetrics(MeterRegistry registry, String stage) {
        this.registry = registry;
        this.stage = stage;
        this.framesIn = Counter.builder("stride.stage.frames.in").tag("stage", stage)
                .description("Frame records consumed").register(registry);
        this.framesOut = Counter.builder("stride.stage.frames.out").tag("stage", stage)
                .description("Frame records processed and forwarded").register(registry);
        this.batchTime = Timer.builder("stride.stage.batch.seconds").tag("stage", stage)
                .description("Time of one batch through the processor").publishPercentileHistogram()
                .register(registry);
        this.batchSize = DistributionSummary.builder("stride.inference.batch.size").tag("stage", stage)
                .description("Images per inference call").register(registry);
    }

    void framesIn(int count) {
        framesIn.increment(count);
    }

    void framesOut(int count) {
        framesOut.increment(count);
    }

    Timer batchTimer() {
        return batchTime;
    }

    /** Publishes a Kafka client's own metrics (fetch and request rates, lag, …) until the returned handle is closed. */
    AutoCloseable bindKafkaClient(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer) {
        var binder = new KafkaClientMetrics(consumer);
        binder.bindTo(registry);
        return binder;
    }

    AutoCloseable bindKafkaClient(org.apache.kafka.clients.producer.Producer<?, ?> producer) {
        var binder = new KafkaClientMetrics(producer);
        binder.bindTo(registry);
        return binder;
    }

    /** Times one phase of the processor's work, e.g. {@code preprocess}, {@code inference}, {@code postprocess}. */
    public <T> T time(String phase, Callable<T> work) throws Exception {
        if (unrecorded.get()) {
            return work.call();
        }
        return Timer.builder("stride.stage.phase.seconds").tags("stage", stage, "phase", phase)
                .publishPercentileHistogram().register(registry).recordCallable(work);
    }

    /** Records how many images went into one inference call. */
    public void inferenceBatch(int images) {
        if (!unrecorded.get()) {
            batchSize.record(images);
        }
    }

    /** Runs work that is no task's (a warm-up) on this thread without it showing in the phases and batches. */
    void unrecorded(Callable<?> work) throws Exception {
        unrecorded.set(true);
        try {
            work.call();
        } finally {
            unrecorded.remove();
        }
    }

    /** Counts a failure by its kind ({@code bad-record}, {@code processing}, …). */
    public void error(String kind) {
        Counter.builder("stride.stage.errors").tags("stage", stage, "kind", kind).register(registry).increment();
    }
}
