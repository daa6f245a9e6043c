package io.stride.backend.lifecycle;

import io.stride.backend.BackendProperties;
import io.stride.backend.camera.CameraIngests;
import io.stride.backend.decode.FrameDecoder;
import io.stride.backend.health.KafkaHealthIndicator;
import io.stride.backend.task.TaskRegistry;
import io.stride.backend.task.Ticker;
import io.stride.core.result.ResultFiles;
import io.stride.core.result.StorageProperties;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Status;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * No task stays {@code running} for ever: a task whose stage is down longer than
 * {@code stride.backend.stall-timeout}, or whose decoding died with a previous backend process, is failed
 * with a reason naming the cause. Its topics then go the way of every ended task's; a stage that comes back
 * later cannot revive it.
 *
 * <p>Two things are never blamed on a stage. While the broker is away no stage can progress, so stall time counts
 * only from when the backend last found it back. And a task whose result files are in place has completed, whatever
 * became of its {@code COMPLETED} event (it may have expired in the annotation service's producer during an
 * outage): the watchdog completes it instead of failing it.
 */
@Component
class StallWatchdog {

    private static final Logger log = LoggerFactory.getLogger(StallWatchdog.class);
    private static final long BROKER_AWAY = Long.MAX_VALUE;

    private final TaskRegistry registry;
    private final FrameDecoder decoder;
    private final CameraIngests cameras;
    private final TaskAdmission admission;
    private final TaskEventPublisher events;
    private final KafkaHealthIndicator kafka;
    private final ResultFiles results;
    private final BackendProperties properties;
    private final Ticker ticker;
    /** When the broker was last found back after being away, on the {@link Ticker}. */
    private long brokerBackSince = BROKER_AWAY;

    StallWatchdog(TaskRegistry registry, FrameDecoder decoder, CameraIngests cameras, TaskAdmission admission,
                  TaskEventPublisher events, KafkaHealthIndicator kafka, StorageProperties storage,
                  BackendProperties properties, Ticker ticker) {
        this.registry = registry;
        this.decoder = decoder;
        this.cameras = cameras;
        this.admission = admission;
        this.events = events;
        this.kafka = kafka;
        this.results = storage.results();
        this.properties = properties;
        this.ticker = ticker;
    }

    @Scheduled(fixedDelayString = "${stride.backend.stall-check-interval:5s}")
    void check() {
        boolean brokerUp = Status.UP.equals(kafka.health().getStatus());
        if (!brokerUp) {
            brokerBackSince = BROKER_AWAY;
            return;
        }
        if (brokerBackSince == BROKER_AWAY) {
            brokerBackSince = ticker.millis();
        }
        if (!admission.isReady()) {
            return; // after a restart, interrupted tasks are taken over first; until then none is fairly stuck
        }
        try {
            registry.stalledTasks(brokerBackSince, properties.stallTimeout().toMillis(), this::publishingHere)
                    .forEach(this::end);
        } catch (RuntimeException e) {
            log.warn("Stall check failed: {}", e.toString());
        }
    }

    /** Whether this process publishes the task's frames: it decodes the upload or reads the camera. */
    private boolean publishingHere(String taskId) {
        return decoder.isDecoding(taskId) || cameras.isIngesting(taskId);
    }

    private void end(String taskId, String reason) {
        long frames = resultFrames(taskId);
        if (frames > 0) {
            log.warn("Task {}: its result is in place but its completion never arrived; completing it", taskId);
            events.publishAndWait(TaskEvent.completed(taskId, "backend", frames));
            return;
        }
        log.warn("Task {} failed: {}", taskId, reason);
        events.publishAndWait(TaskEvent.failed(taskId, "backend", reason));
    }

    /** Frames in the task's finished results (one JSON line each), 0 while they are not both in place. */
    private long resultFrames(String taskId) {
        if (!Files.isRegularFile(results.video(taskId)) || !Files.isRegularFile(results.annotations(taskId))) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(results.annotations(taskId))) {
            return lines.count();
        } catch (IOException | java.io.UncheckedIOException e) {
            log.warn("Task {}: cannot read its annotations: {}", taskId, e.toString());
            return 0;
        }
    }
}
