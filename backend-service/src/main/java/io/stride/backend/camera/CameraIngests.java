package io.stride.backend.camera;

import io.stride.backend.BackendProperties;
import io.stride.backend.decode.RawFramesPublisher;
import io.stride.backend.lifecycle.TaskFailure;
import io.stride.backend.task.CameraCounters;
import io.stride.backend.task.CameraSource;
import io.stride.backend.task.TaskRegistry;
import io.stride.core.frame.StageOptions;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.kafka.KafkaSettings;
import io.stride.core.task.TaskEventPublisher;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.bytedeco.ffmpeg.global.avutil;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The camera ingests of this backend process, one thread each; how many run at once is bounded by the admission
 * rule ({@code stride.backend.max-tasks-in-flight}), where a camera counts as a task in flight. A shutdown leaves
 * every camera task running: the next process reconnects it.
 */
@Component
public class CameraIngests implements AutoCloseable {

    private static final long SHUTDOWN_GRACE_SECONDS = 10;
    /** Ended ingests whose totals are kept; a few bytes each. */
    private static final int ENDED_TOTALS_KEPT = 1000;

    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        var thread = new Thread(runnable, "camera");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, CameraIngest> ingests = new ConcurrentHashMap<>();
    /** The totals of the latest ingests that ended in this process, so a stopped camera still shows them. */
    private final Map<String, CameraCounters> endedTotals = Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CameraCounters> eldest) {
                    return size() > ENDED_TOTALS_KEPT;
                }
            });
    /** Tasks a user stopped whose end has not been announced yet: they show as stopped. */
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    private final Producer<String, byte[]> producer;
    private final CameraIngest.Shared shared;
    private final CameraMetrics metrics;

    CameraIngests(KafkaClients kafka, CameraProperties camera, BackendProperties backend, TaskRegistry registry,
                  TaskEventPublisher events, TaskFailure failure, Clock clock, CameraMetrics metrics) {
        // FFmpeg logs natively, past the application's log: quiet, so a source's URL never reaches the console.
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
        this.producer = kafka.frameProducer();
        this.shared = new CameraIngest.Shared(camera, backend, registry, events, failure, clock, threads);
        this.metrics = metrics;
        registry.onTaskEnded(stopped::remove);
    }

    /**
     * Starts reading the task's source in the background.
     *
     * @param taskStartMillis the task's start (epoch milliseconds), origin of its frames' times
     * @param firstIndex      the index of the first frame to publish: those before it are on the topic already
     */
    public void start(String taskId, CameraSource source, StageOptions options, long taskStartMillis,
                      long firstIndex) {
        var ingest = new CameraIngest(shared, new RawFramesPublisher(producer, taskId, options.asLive()), taskId,
                SourceUrl.parse(source.url()), options.analysis(), taskStartMillis, firstIndex);
        ingests.put(taskId, ingest);
        threads.submit(() -> {
            MDC.put("task_id", taskId);
            Runnable removeMeters = metrics.register(taskId, source.name(), ingest);
            try {
                ingest.run();
            } finally {
                removeMeters.run();
                endedTotals.put(taskId, ingest.totals());
                ingests.remove(taskId, ingest);
                MDC.remove("task_id");
            }
        });
    }

    /** Whether this process reads the task's source now. */
    public boolean isIngesting(String taskId) {
        return ingests.containsKey(taskId);
    }

    /**
     * Stops reading the task's source; the ingest then publishes the end-of-stream record.
     *
     * @return false when this process neither reads that source nor stopped it already
     */
    public boolean stop(String taskId) {
        CameraIngest ingest = ingests.get(taskId);
        if (ingest == null) {
            return stopped.contains(taskId);
        }
        stopped.add(taskId);
        ingest.stop();
        return true;
    }

    /**
     * The ingest's counters, or its totals once it ended; empty when no ingest of the task ran in this process (or
     * too many have ended since).
     */
    Optional<CameraCounters> counters(String taskId) {
        CameraIngest ingest = ingests.get(taskId);
        return ingest != null ? Optional.of(ingest.snapshot()) : Optional.ofNullable(endedTotals.get(taskId));
    }

    /** The ingest's state; STOPPED once a user stopped it, empty when this process does not read the source. */
    Optional<IngestState> state(String taskId) {
        if (stopped.contains(taskId)) {
            return Optional.of(IngestState.STOPPED);
        }
        return Optional.ofNullable(ingests.get(taskId)).map(CameraIngest::state);
    }

    @Override
    public void close() throws InterruptedException {
        ingests.values().forEach(CameraIngest::shutDown);
        threads.shutdown();
        threads.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
        threads.shutdownNow();
        producer.close(KafkaSettings.PRODUCER_CLOSE_TIMEOUT);
    }
}
